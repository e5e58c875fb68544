/*
 * vCPUs in hypervisor mode: reset state, switching a hart between guests,
 * and the virtual interrupts and fences guests ask each other for.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/guest.h>
#include <arch/hext.h>
#include "arch.h"
#include "console.h"
#include "partition.h"
#include "sched.h"

/* VS-level interrupts as hip/hvip number them, and as vsie does. */
#define VS_INTERRUPTS ((1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) | (1UL << IRQ_VS_EXT))

void arch_vcpu_reset(struct vcpu *v, uintptr_t entry, uintptr_t boot_arg)
{
    for (unsigned i = 0; i < 32; i++)
        v->regs.x[i] = 0;
    v->regs.x[0] = entry;                          /* pc */
    v->regs.x[X_A0] = v->config->index;            /* the guest's hart id */
    v->regs.x[X_A1] = boot_arg;                    /* its device tree */
    v->regs.status = SSTATUS_SPP;                  /* sret to VS-mode, interrupts off */
    /* keep hstatus's WARL fields (VSXL) as the hart has them; VTW makes a
     * guest's wfi trap here, so the hart can run something else */
    v->regs.hstatus = (hstatus_read() & ~(HSTATUS_GVA | HSTATUS_VTSR | HSTATUS_VTVM | HSTATUS_HU))
                      | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW;
    v->arch = (struct arch_vcpu){ .vstimecmp = -1ULL, .requests = REQUEST_RELOAD };
}

static void save_guest_csrs(struct arch_vcpu *a)
{
    a->vsstatus = vsstatus_read();
    a->vsie = vsie_read();
    a->vstvec = vstvec_read();
    a->vsscratch = vsscratch_read();
    a->vsepc = vsepc_read();
    a->vscause = vscause_read();
    a->vstval = vstval_read();
    a->vsatp = vsatp_read();
    a->hvip = hvip_read();
#if P3_HAS_SSTC
    a->vstimecmp = vstimecmp_read();
#endif
}

static void load_guest_csrs(const struct arch_vcpu *a)
{
    vsstatus_write(a->vsstatus);
    vsie_write(a->vsie);
    vstvec_write(a->vstvec);
    vsscratch_write(a->vsscratch);
    vsepc_write(a->vsepc);
    vscause_write(a->vscause);
    vstval_write(a->vstval);
    vsatp_write(a->vsatp);
    hvip_write(a->hvip);
#if P3_HAS_SSTC
    vstimecmp_write(a->vstimecmp);
#endif
}

void arch_vcpu_switch(struct vcpu *prev, struct vcpu *next)
{
    /* a vCPU reset since it was loaded keeps its reset state */
    if (prev && !(__atomic_load_n(&prev->arch.requests, __ATOMIC_ACQUIRE) & REQUEST_RELOAD))
        save_guest_csrs(&prev->arch);
    load_guest_csrs(&next->arch);
    const struct arch_partition_config *pc = &next->partition->config->arch;
    hedeleg_write(pc->hedeleg);
    /* Each partition has its own VMID, so no fence is needed on a switch. */
    hgatp_write(pc->hgatp);
}

int arch_vcpu_interrupt_pending(const struct vcpu *v)
{
    /* A vCPU still loaded on this hart (blocked while the hart idles) has its
     * CSRs live; otherwise their saved copies hold. */
    int live = hart_get(v->config->hart)->current == v;
    unsigned long pending = live ? hvip_read() : v->arch.hvip;
    if (__atomic_load_n(&v->arch.requests, __ATOMIC_ACQUIRE) & REQUEST_SOFT_INTERRUPT)
        pending |= 1UL << IRQ_VS_SOFT;
    unsigned long enabled = (live ? vsie_read() : v->arch.vsie) << 1;   /* vsie bit n is VS bit n+1 */
#if P3_HAS_SSTC
    uint64_t due = live ? vstimecmp_read() : v->arch.vstimecmp;
    if (time_read() >= due)
        pending |= 1UL << IRQ_VS_TIMER;
#endif
    return (pending & enabled & VS_INTERRUPTS) != 0;
}

void arch_vcpu_memory_reloaded(struct partition *p)
{
    (void)p;
    /* The image was written through the data side: make the instruction
     * side see it, and forget the guest's own translations of it. */
    __asm__ volatile("fence.i" ::: "memory");
    hfence_gvma_all();
}

static int is_current(const struct vcpu *v)
{
    return hart_get(v->config->hart)->current == v && hart_self() == hart_get(v->config->hart);
}

void arch_vcpu_set_timer(struct vcpu *v, uint64_t when)
{
    /* the caller is running on this hart: its vstimecmp is live */
#if P3_HAS_SSTC
    vstimecmp_write(when);
#else
#error "virtual timers without Sstc are not built yet"
#endif
    v->arch.vstimecmp = when;
}

/* Queues a request on a vCPU and makes its hart look at it now. */
static void request(struct vcpu *target, uint32_t what)
{
    __atomic_fetch_or(&target->arch.requests, what, __ATOMIC_ACQ_REL);
    sched_interrupt(target);
}

void arch_vcpu_send_soft_interrupt(struct vcpu *target)
{
    if (is_current(target))
        hvip_set(1UL << IRQ_VS_SOFT);
    else
        request(target, REQUEST_SOFT_INTERRUPT);
}

void arch_vcpu_clear_soft_interrupt(struct vcpu *v)
{
    __atomic_fetch_and(&v->arch.requests, ~REQUEST_SOFT_INTERRUPT, __ATOMIC_ACQ_REL);
    hvip_clear(1UL << IRQ_VS_SOFT);
}

void arch_vcpu_request_fence(struct vcpu *target)
{
    if (is_current(target)) {
        __asm__ volatile("fence.i" ::: "memory");
        hfence_vvma_all();
    } else {
        request(target, REQUEST_FENCE);
    }
}

void arch_vcpu_prepare(struct vcpu *v)
{
    uint32_t pending = __atomic_exchange_n(&v->arch.requests, 0, __ATOMIC_ACQ_REL);

    if (pending & REQUEST_RELOAD)
        load_guest_csrs(&v->arch);   /* reset while it was still loaded here */
    if (pending & REQUEST_SOFT_INTERRUPT)
        hvip_set(1UL << IRQ_VS_SOFT);
    if (pending & REQUEST_FENCE) {
        __asm__ volatile("fence.i" ::: "memory");
        hfence_vvma_all();
    }
}
