/*
 * LiteX UART (litex/soc/cores/uart.py, class UART) as the console, behind
 * LiteX's CSR bus with 32-bit CSR data width (LiteX's default, and what the
 * board profile's 0x800-byte block per peripheral assumes): each register
 * is one 32-bit word. With an 8-bit CSR bus the offsets would differ.
 *
 *   +0x00 rxtx        write: queue a byte to send; read: the oldest received byte
 *   +0x04 txfull      1 while the transmit FIFO is full
 *   +0x08 rxempty     1 while the receive FIFO is empty
 *   +0x0c ev_status
 *   +0x10 ev_pending  bit 0 tx, bit 1 rx; writing 1 clears an event, and
 *                     clearing rx also pops the receive FIFO: that is how a
 *                     received byte is consumed
 *   +0x14 ev_enable   bit 1: the UART's interrupt line follows a pending rx
 *   (+0x18 txempty and +0x1c rxfull on newer LiteX; not used)
 *
 * The rx event is set when the receive FIFO becomes non-empty. The baud
 * rate is fixed when the SoC is built (the RS232 PHY's tuning word,
 * 115200 unless the build says otherwise), so nothing here sets one:
 * P3_CONSOLE_BAUD must match the bitstream.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define RXTX       0x00
#define TXFULL     0x04
#define RXEMPTY    0x08
#define EV_PENDING 0x10
#define EV_ENABLE  0x14

#define EV_RX (1u << 1)

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_CONSOLE_BASE + offset);
}

void platform_console_init(void)
{
    *reg(EV_ENABLE) = 0;   /* the BIOS may have left its interrupts on */
}

void platform_console_putc(char c)
{
    while (*reg(TXFULL))
        ;
    *reg(RXTX) = (unsigned char)c;
}

int platform_console_getc(void)
{
    if (*reg(RXEMPTY))
        return -1;
    int c = (int)(*reg(RXTX) & 0xff);
    *reg(EV_PENDING) = EV_RX;   /* pops the byte just read */
    return c;
}

void platform_console_enable_rx_irq(void)
{
    /* The rx event fires when the FIFO turns non-empty: bytes already
     * waiting would never raise it, so drop what came before the system. */
    while (!*reg(RXEMPTY))
        *reg(EV_PENDING) = EV_RX;
    *reg(EV_ENABLE) = EV_RX;
}
