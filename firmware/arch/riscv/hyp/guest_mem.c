/*
 * Reading a guest's memory by its virtual addresses, without ever trapping
 * the hypervisor: the guest's own page tables are walked in software (Sv39,
 * priv. spec 4.4), each table read through guest_range(), which only reaches
 * memory the spec gave the partition. A hostile page table costs the guest
 * an error, never the hypervisor a fault.
 */
#include <arch/csr.h>
#include <arch/guest.h>
#include "partition.h"
#include "sched.h"

#define SATP_MODE_SHIFT 60
#define SATP_MODE_BARE  0
#define SATP_MODE_SV39  8
#define SATP_PPN_MASK   ((1UL << 44) - 1)
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08

static unsigned long vsatp_of(const struct vcpu *v)
{
    return hart_get(v->config->hart)->current == v ? vsatp_read() : v->arch.vsatp;
}

int arch_vcpu_paging(const struct vcpu *v)
{
    return (vsatp_of(v) >> SATP_MODE_SHIFT) != SATP_MODE_BARE;
}

int arch_guest_translate(const struct vcpu *v, uintptr_t va, unsigned access, uintptr_t *gpa)
{
    unsigned long satp = vsatp_of(v);
    unsigned long mode = satp >> SATP_MODE_SHIFT;

    if (mode == SATP_MODE_BARE) {
        *gpa = va;
        return 0;
    }
    if (mode != SATP_MODE_SV39)
        return -1;
    /* Sv39: bits 63..39 must all equal bit 38 */
    if ((long)(va << 25) >> 25 != (long)va)
        return -1;
    uintptr_t table = (satp & SATP_PPN_MASK) << 12;
    for (int level = 2; level >= 0; level--) {
        uintptr_t index = (va >> (12 + 9 * level)) & 0x1ff;
        const uint64_t *entry = guest_range(v->partition, table + index * 8, 8, PERM_R);
        if (!entry)
            return -1;
        uint64_t pte = *entry;
        if (!(pte & PTE_V) || ((pte & PTE_W) && !(pte & PTE_R)))
            return -1;
        uintptr_t ppn = (uintptr_t)(pte >> 10) & SATP_PPN_MASK;
        if (pte & (PTE_R | PTE_X)) {
            unsigned need = (access & PERM_R ? PTE_R : 0) | (access & PERM_W ? PTE_W : 0) | (access & PERM_X ? PTE_X : 0);
            if ((pte & need) != need)
                return -1;
            uintptr_t span = (uintptr_t)1 << (12 + 9 * level);
            if ((ppn << 12) & (span - 1))
                return -1;                           /* a misaligned superpage */
            *gpa = (ppn << 12) | (va & (span - 1));
            return 0;
        }
        table = ppn << 12;
    }
    return -1;
}

int arch_guest_read_word(const struct vcpu *v, uintptr_t va, unsigned long *out)
{
    uintptr_t gpa;

    if (va % sizeof(unsigned long) || arch_guest_translate(v, va, PERM_R, &gpa) != 0)
        return -1;
    const unsigned long *word = guest_range(v->partition, gpa, sizeof *word, PERM_R);
    if (!word)
        return -1;
    *out = *word;
    return 0;
}
