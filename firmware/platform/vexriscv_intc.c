/*
 * VexRiscv's interrupt controller, as LiteX builds the CPU (VexRiscv
 * src/main/scala/vexriscv/plugin/ExternalInterruptArrayPlugin.scala, wired
 * to the SoC's interrupt array by litex/soc/cores/cpu/vexriscv/core.py). It
 * has no memory-mapped window, only two custom machine CSRs:
 *
 *   0xBC0  mask     read/write; bit n lets LiteX interrupt n through (reset 0)
 *   0xFC0  pending  read-only: mask AND the interrupt inputs (one cycle late)
 *
 * The hart's machine external interrupt (mip.MEIP, cause 11) is pending
 * while any bit of 0xFC0 is. Nothing is latched here: a LiteX peripheral's
 * line is its event manager's (ev_pending & ev_enable), so it stays up until
 * the device is serviced.
 *
 * Lines: LiteX interrupt n is Phase3 line n + 1, because
 * platform_irq_claim() returns 0 for "nothing pending" and LiteX numbers
 * the UART 0; the board profile numbers lines so.
 *
 * Claim and complete work as on a PLIC: claim masks the line it returns and
 * complete unmasks it. Without that, a level line routed to a partition
 * would trap again the moment U-mode runs, before its owner could service
 * the device.
 *
 * The timer's line (P3_TIMER_IRQ, when the board's timer sits on this
 * controller: LiteX timer0) is the kernel's timer interrupt, not a device's.
 * It stays unmasked and claim never returns it: a trap always ends in
 * sched_next(), which reads the time first, and reading the time is where
 * the timer driver acknowledges the event (litex_timer.c).
 */
#include <stdint.h>
#include <p3_config.h>
#include <arch/csr.h>
#include "irq.h"
#include "platform.h"

#define CSR_IRQ_MASK    0xbc0
#define CSR_IRQ_PENDING 0xfc0

#ifdef P3_TIMER_IRQ
#define TIMER_BIT (1ul << (P3_TIMER_IRQ - 1))
#else
#define TIMER_BIT 0ul
#endif

static inline unsigned long line_bit(unsigned line)
{
    return 1ul << ((line - 1) & 31);
}

void platform_irq_init(void)
{
    csr_write(CSR_IRQ_MASK, 0);   /* whatever the BIOS enabled is off */
}

void platform_irq_hart_init(unsigned hart)
{
    unsigned long enable = TIMER_BIT;

    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++)
        if (p3_irq_routes[i].hart == hart)
            enable |= line_bit(p3_irq_routes[i].line);
    csr_set(CSR_IRQ_MASK, enable);
}

unsigned platform_irq_claim(unsigned hart)
{
    (void)hart;
    unsigned long pending = csr_read(CSR_IRQ_PENDING) & csr_read(CSR_IRQ_MASK) & ~TIMER_BIT;

    if (!pending)
        return 0;
    unsigned bit = 0;
    while (!(pending & (1ul << bit)))   /* the lowest number first, as LiteX's BIOS does */
        bit++;
    csr_clear(CSR_IRQ_MASK, 1ul << bit);
    return bit + 1;
}

void platform_irq_complete(unsigned hart, unsigned line)
{
    (void)hart;
    if (line != 0)
        csr_set(CSR_IRQ_MASK, line_bit(line));
}
