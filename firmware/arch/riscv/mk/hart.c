/*
 * Per-hart set-up in M-mode and the hart-level hooks of core/arch.h: time,
 * timer, IPIs, idling. Without a hypervisor's CSRs the kernel drives the
 * timer device (the CLINT's mtime and mtimecmp) through the platform.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/trap_csrs.h>
#include "arch.h"
#include "irq.h"
#include "platform.h"
#include "sched.h"

void arch_hart_init(unsigned hart)
{
    platform_timer_set(hart, UINT64_MAX);
#if P3_HAS_S
    /* A hart with S-mode: keep every trap in M, and U-mode addresses physical. */
    medeleg_write(0);
    mideleg_write(0);
    satp_write(0);
    scounteren_write(COUNTEREN_CY_TM_IR);
#endif
    mcounteren_write(COUNTEREN_CY_TM_IR);   /* rdcycle and friends work in U-mode */
    /* Locally enabled so that they trap from U-mode and end a wfi in the
     * kernel; mstatus.MIE stays 0, so the kernel itself is never interrupted. */
    mie_write((1UL << IRQ_SOFT) | (1UL << IRQ_TIMER) | (1UL << IRQ_EXT));
}

uint64_t arch_time_now(void)
{
    return platform_time_now();
}

void arch_timer_set(uint64_t deadline)
{
    platform_timer_set((unsigned)mhartid_read(), deadline);
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
    unsigned long pending = mip_read();

    if (pending & (1UL << IRQ_SOFT))
        arch_ipi_take();
    if (pending & (1UL << IRQ_EXT))
        irq_handle_external(h);
    /* a timer that is due needs nothing here: sched_next() reprograms it */
}

int arch_ipi_take(void)
{
    if (!(mip_read() & (1UL << IRQ_SOFT)))
        return 0;
    platform_ipi_clear((unsigned)mhartid_read());   /* mip.MSIP follows the doorbell */
    return 1;
}

void arch_halt_hart(void)
{
    platform_timer_set((unsigned)mhartid_read(), UINT64_MAX);
    mie_write(0);
    for (;;)
        __asm__ volatile("wfi");
}
