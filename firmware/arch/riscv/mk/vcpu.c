/*
 * vCPUs in microkernel mode: a U-mode app's whole state is its registers, so
 * a switch only loads the incoming partition's PMP entries.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include "arch.h"
#include "partition.h"
#include "pmp.h"

void arch_vcpu_reset(struct vcpu *v, uintptr_t entry, uintptr_t boot_arg)
{
    for (unsigned i = 0; i < 32; i++)
        v->regs.x[i] = 0;
    v->regs.x[0] = entry;                          /* pc */
    v->regs.x[X_A0] = v->config->index;            /* its hart id within the partition */
    v->regs.x[X_A1] = boot_arg;
    /* mret to U-mode (MPP = 0). MPIE = 0 keeps mstatus.MIE 0 after mret:
     * U-mode takes machine interrupts whatever MIE says (priv. spec 3.1.6.1),
     * and the kernel wants them off when it is back. TW makes a wfi in
     * U-mode trap instead of stalling the hart. */
    v->regs.status = (mstatus_read() & ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPRV)) | MSTATUS_TW;
}

void arch_vcpu_switch(struct vcpu *prev, struct vcpu *next)
{
    /* vCPUs of one partition share its entries */
    if (!prev || prev->partition != next->partition)
        pmp_load(next->config->hart, &next->partition->config->arch);
}

void arch_vcpu_prepare(struct vcpu *v)
{
    (void)v;   /* nothing queues requests for a U-mode vCPU */
}

int arch_vcpu_interrupt_pending(const struct vcpu *v)
{
    (void)v;   /* apps have no virtual interrupts: they wait with p3_wait */
    return 0;
}

void arch_vcpu_memory_reloaded(struct partition *p)
{
    (void)p;
    /* The image was written through the data side: make the instruction
     * side see it. */
    __asm__ volatile("fence.i" ::: "memory");
}
