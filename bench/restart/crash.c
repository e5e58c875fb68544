/* First run: read the instruction count into the shared region, then fault.
 * Second run (the restart): report how many instructions it took to get here. */
#include <phase3.h>

/* In .data so that clearing .bss does not erase it; start.S sets it. */
unsigned long start_instructions __attribute__((section(".data"))) = 0;

int main(void)
{
    volatile uint64_t *fault_at = p3_shm(P3_SHM_CLOCK, 0);

    if (*fault_at == 0) {
        /* the count, then (one store later) a store to address 0: a guest-page fault */
        __asm__ volatile("csrr t0, cycle\n\tsd t0, 0(%0)\n\tsd zero, 0(zero)" :: "r"(fault_at) : "t0", "memory");
        p3_puts("the fault did not happen");
        return 1;
    }
    /* less the one store between reading the count and the faulting store */
    p3_printf("bench fault_to_restart %lu instructions\n", start_instructions - *fault_at - 1);
    return 0;
}
