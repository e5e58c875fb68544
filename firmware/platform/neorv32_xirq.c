/*
 * NEORV32 external interrupt controller (XIRQ) as the interrupt controller.
 * Register map from the NEORV32 data sheet, section "External Interrupt
 * Controller (XIRQ)", and rtl/core/neorv32_xirq.vhd, as reworked in
 * v1.10.5.9 (no EIP register any more) and as it stood until v1.10.9.6: the
 * XIRQ was removed in v1.10.9.7 (v1.11.0 and later have none), and the CLINT
 * this board's timer needs arrived in v1.10.8.1, so v1.10.9 is the release
 * that has both.
 *
 *   +0x00 EIE   bit n enables channel n; a disabled channel's trigger is
 *               ignored and its buffered request dropped
 *   +0x04 ESC   bit 31: a request is waiting for acknowledge; bits 4:0: its
 *               channel (the lowest pending one wins). Writing any value
 *               acknowledges it, so that the next request can be raised.
 *   +0x08 TTYP  bit n: channel n triggers on an edge (1) or a level (0)
 *   +0x0c TPOL  bit n: high level / rising edge (1) or low / falling (0)
 *
 * The XIRQ raises CPU fast interrupt 8 (mcause 24, mie/mip bit 24, the
 * board's hartInterrupt, P3_CONTROLLER_IRQ) while a request waits in ESC.
 * The controller clears a channel's buffered request itself when it picks
 * it; the CPU interrupt stays up until ESC is written.
 *
 * Lines: channel n is Phase3 line n + 1, because platform_irq_claim()
 * returns 0 for "nothing pending"; the board profile numbers lines so.
 *
 * Claim and complete work as on a PLIC: claim takes the request from ESC,
 * disables its channel in EIE (so it cannot be raised again before its owner
 * has serviced the device), acknowledges it and returns its line; complete
 * enables the channel again, and a level still asserted is raised anew.
 * Routed channels are set to high-level triggers: a device that holds its
 * request until serviced. Only hart 0 exists on this board.
 */
#include <stdint.h>
#include <p3_config.h>
#include "irq.h"
#include "platform.h"

#define EIE  0x00
#define ESC  0x04
#define TTYP 0x08
#define TPOL 0x0c

#define ESC_PENDING      (1u << 31)
#define ESC_CHANNEL_MASK 0x1fu

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_IRQC_BASE + offset);
}

static inline uint32_t channel_bit(unsigned line)
{
    return 1u << ((line - 1) & ESC_CHANNEL_MASK);
}

void platform_irq_init(void)
{
    uint32_t routed = 0;

    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++)
        routed |= channel_bit(p3_irq_routes[i].line);
    *reg(EIE) = 0;        /* every channel off, buffered requests dropped */
    *reg(TTYP) = 0;       /* level... */
    *reg(TPOL) = routed;  /* ...high on the routed channels */
    *reg(ESC) = 0;        /* acknowledge whatever was waiting */
}

void platform_irq_hart_init(unsigned hart)
{
    uint32_t enable = 0;

    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++)
        if (p3_irq_routes[i].hart == hart)
            enable |= channel_bit(p3_irq_routes[i].line);
    *reg(EIE) |= enable;
}

unsigned platform_irq_claim(unsigned hart)
{
    (void)hart;
    uint32_t esc = *reg(ESC);

    if (!(esc & ESC_PENDING))
        return 0;
    unsigned channel = esc & ESC_CHANNEL_MASK;
    *reg(EIE) &= ~(1u << channel);   /* masked until complete */
    *reg(ESC) = 0;                   /* acknowledge: the CPU interrupt drops */
    return channel + 1;
}

void platform_irq_complete(unsigned hart, unsigned line)
{
    (void)hart;
    if (line != 0)
        *reg(EIE) |= channel_bit(line);
}
