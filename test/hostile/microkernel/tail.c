/*
 * The last partition in RAM of each system (tail_memory, tail_privileged).
 * The memory plan puts the pristine copies of the restartable images in a
 * range of their own past every partition and shared region (plan.pristine);
 * it reads the first copy where the kernel's ELF says it is, then writes it
 * (restoring the word at once, so that a restart that follows still finds
 * its image). The read must fault.
 *
 * Until 062bb20 the kernel's linker script put the copies right after the
 * last partition's image, inside that partition's RAM: this one could read
 * and rewrite the code another partition's restart loads. It has no .bss on
 * purpose: were the copies back there, its start-up code would clear
 * nothing of them, and the restarts of the others would still show only
 * this partition's BREACH lines.
 */
#include <phase3.h>

/* The first pristine copy in each system, from the kernel's ELF;
 * test/integration/hostile-microkernel.test.ts checks them. In .rodata, not
 * in the code: changing one must not change the image's size, which decides
 * where the copies land. */
static const volatile struct {
    char name[16];
    uintptr_t copy;
} copies[] = {
    { "tail_memory", 0x80232880UL },      /* p3_pristine_stack_overflow */
    { "tail_privileged", 0x801a1820UL },  /* p3_pristine_csr_mtvec */
};

int main(void)
{
    volatile uint32_t *copy = 0;
    for (unsigned i = 0; i < sizeof copies / sizeof copies[0]; i++)
        if (strcmp((const char *)copies[i].name, P3_PARTITION_NAME) == 0)
            copy = (volatile uint32_t *)copies[i].copy;
    if (!copy)
        return p3_printf("BREACH no pristine copy named for %s\n", P3_PARTITION_NAME), 99;

    p3_printf("attack: read the first pristine image\n");
    uint32_t word = *copy;
    p3_printf("BREACH read a pristine image: %x\n", word);
    *copy = ~word;
    int written = *copy == ~word;
    *copy = word;
    if (written)
        p3_printf("BREACH wrote a pristine image\n");
    return 99;
}
