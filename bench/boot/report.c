/* Reports what start.S measured, in the harness's line format. */
#include <phase3.h>

/* In .data so that clearing .bss does not erase it. */
unsigned long boot_instructions __attribute__((section(".data"))) = 0;

int main(void)
{
    /* The counter ran from reset: QEMU's reset vector, the M stage, the
     * hypervisor's boot, and the sret into this partition. */
    p3_printf("bench boot %lu instructions\n", boot_instructions);
    return 0;
}
