/*
 * Hypervisor-extension instructions. GCC 12 rejects `h` in -march, so they
 * are assembled under `.option arch, +h`.
 */
#ifndef ARCH_HEXT_H
#define ARCH_HEXT_H

/* Forget all G-stage translations, of every VMID. */
static inline void hfence_gvma_all(void)
{
    __asm__ volatile(".option push\n.option arch, +h\nhfence.gvma zero, zero\n.option pop" ::: "memory");
}

/* Forget the current VMID's VS-stage translations (the guest's own page tables). */
static inline void hfence_vvma_all(void)
{
    __asm__ volatile(".option push\n.option arch, +h\nhfence.vvma zero, zero\n.option pop" ::: "memory");
}

#endif /* ARCH_HEXT_H */
