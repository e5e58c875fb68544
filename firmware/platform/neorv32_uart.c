/*
 * NEORV32 UART0/UART1 as the console. Register map from the NEORV32 data
 * sheet, section "Primary Universal Asynchronous Receiver and Transmitter
 * (UART0)", and sw/lib/include/neorv32_uart.h, as of v1.10.9 (the release
 * the board profile describes: IO devices 64 KiB apart, CLINT and XIRQ):
 *
 *   +0x00 CTRL  bit 0      EN: the UART runs; clearing it also empties both FIFOs
 *               bit 1      SIM_MODE (output to the simulator; left 0)
 *               bit 2      HWFC_EN: RTS/CTS flow control (left 0)
 *               bits 5:3   PRSC: clock prescaler 2, 4, 8, 64, 128, 1024, 2048, 4096
 *               bits 15:6  BAUD: divisor - 1, so baud = clock / prescaler / (BAUD + 1)
 *               bit 16     RX_NEMPTY: a received byte is waiting
 *               bit 31     TX_BUSY: the transmitter is sending or its FIFO is not empty
 *   +0x04 DATA  bits 7:0   write: send a byte; read: take the oldest received byte
 *
 * The frame is fixed at 8N1. The console runs at P3_CONSOLE_BAUD, not at
 * the bootloader's 19200.
 *
 * Sending waits for TX_BUSY to clear before each byte, so the TX FIFO holds
 * at most one: the FIFO flags between bits 17 and 21 moved between releases
 * (v1.11.6.6 turned TX_FULL into TX_NFULL at the same position, v1.12.0.5
 * dropped the half-full flags), while bits 0-16 and 31 mean the same in the
 * releases since v1.10.
 *
 * Console input is not supported: the UART's receive interrupt is CPU fast
 * interrupt 2 (UART0) or 4 (UART1) in v1.10.9, not a channel of the XIRQ,
 * and the kernel takes only the controller's fast interrupt 8. The board
 * profile gives the UARTs no interrupt line, so nothing is routed; a system
 * whose partition asks for console input is refused here rather than built
 * to read nothing.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#if P3_CONSOLE_OWNER >= 0
#error "NEORV32: console input needs the UART's own fast interrupt (FIRQ 2 or 4), which the kernel does not take; remove consoleInput"
#endif

#define CTRL 0x00
#define DATA 0x04

#define CTRL_EN         (1u << 0)
#define CTRL_HWFC_EN    (1u << 2)
#define CTRL_PRSC_SHIFT 3
#define CTRL_BAUD_SHIFT 6
#define CTRL_BAUD_MAX   0x3ffu
#define CTRL_RX_NEMPTY  (1u << 16)
#define CTRL_TX_BUSY    (1u << 31)

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_CONSOLE_BASE + offset);
}

void platform_console_init(void)
{
    static const uint16_t prescalers[8] = { 2, 4, 8, 64, 128, 1024, 2048, 4096 };
    const uint32_t cycles_per_bit = P3_CONSOLE_CLOCK_HZ / P3_CONSOLE_BAUD;
    unsigned p = 0;

    /* the smallest prescaler whose divisor fits the 10-bit BAUD field */
    while (p < 7 && (cycles_per_bit + prescalers[p] / 2) / prescalers[p] > CTRL_BAUD_MAX + 1)
        p++;
    uint32_t divisor = (cycles_per_bit + prescalers[p] / 2) / prescalers[p];
    if (divisor == 0)
        divisor = 1;
    if (divisor > CTRL_BAUD_MAX + 1)
        divisor = CTRL_BAUD_MAX + 1;

    /* Let the bootloader's last bytes leave at its baud rate (unless flow
     * control could hold them forever), then stop the UART, which empties
     * its FIFOs, and start it again at ours. */
    uint32_t ctrl = *reg(CTRL);
    if ((ctrl & CTRL_EN) && !(ctrl & CTRL_HWFC_EN))
        while (*reg(CTRL) & CTRL_TX_BUSY)
            ;
    *reg(CTRL) = 0;
    *reg(CTRL) = CTRL_EN | (p << CTRL_PRSC_SHIFT) | ((divisor - 1) << CTRL_BAUD_SHIFT);
}

void platform_console_putc(char c)
{
    while (*reg(CTRL) & CTRL_TX_BUSY)
        ;
    *reg(DATA) = (unsigned char)c;
}

int platform_console_getc(void)
{
    if (!(*reg(CTRL) & CTRL_RX_NEMPTY))
        return -1;
    return (int)(*reg(DATA) & 0xff);
}

void platform_console_enable_rx_irq(void)
{
    /* unreachable: see the #error above (no line, no console owner) */
}
