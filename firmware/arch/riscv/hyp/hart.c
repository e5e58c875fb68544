/*
 * Per-hart set-up in HS-mode and the hart-level hooks of core/arch.h:
 * time, timer, IPIs, idling.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/hext.h>
#include "arch.h"
#include "irq.h"
#include "platform.h"
#include "sched.h"

void arch_hart_init(unsigned hart)
{
    (void)hart;
    hideleg_write((1UL << IRQ_VS_SOFT) | (1UL << IRQ_VS_TIMER) | (1UL << IRQ_VS_EXT));
    hedeleg_write(0);                    /* per partition: see arch_vcpu_switch() */
    hcounteren_write(COUNTEREN_CY_TM_IR);
#if P3_HAS_SSTC
    henvcfg_set(ENVCFG_STCE);
    stimecmp_write(-1UL);
#endif
    hvip_write(0);
    hgatp_write(0);
    hfence_gvma_all();
    /* Locally enabled so that they trap from a guest and end a wfi in HS;
     * sstatus.SIE stays 0, so the hypervisor itself is never interrupted. */
    sie_write((1UL << IRQ_S_SOFT) | (1UL << IRQ_S_TIMER) | (1UL << IRQ_S_EXT));
}

uint64_t arch_time_now(void)
{
    return time_read();
}

void arch_timer_set(uint64_t deadline)
{
#if P3_HAS_SSTC
    stimecmp_write(deadline);
#else
#error "hypervisor mode needs Sstc for its timer on this board"
#endif
}

void arch_wait_for_interrupt(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

void arch_send_ipi(unsigned hart)
{
    platform_ipi_send(hart);
}

void arch_service_interrupts(struct hart *h)
{
    unsigned long pending = sip_read();

    if (pending & (1UL << IRQ_S_SOFT))
        arch_ipi_take();
    if (pending & (1UL << IRQ_S_EXT))
        irq_handle_external(h);
    /* a timer that is due needs nothing here: sched_next() reprograms it */
}

int arch_ipi_take(void)
{
    if (!(sip_read() & (1UL << IRQ_S_SOFT)))
        return 0;
    sip_clear(1UL << IRQ_S_SOFT);
    return 1;
}

void arch_halt_hart(void)
{
    stimecmp_write(-1UL);
    sie_write(0);
    for (;;)
        __asm__ volatile("wfi");
}
