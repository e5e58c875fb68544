/*
 * SiFive UART (FE310-G000 manual, chapter 18) as the console:
 *
 *   +0x00 txdata  bit 31 "full": the transmit FIFO takes no more; write a byte
 *   +0x04 rxdata  bit 31 "empty": nothing received; else the byte in 7:0
 *   +0x08 txctrl  bit 0 txen
 *   +0x0c rxctrl  bit 0 rxen
 *   +0x10 ie      bit 1 rxwm: interrupt while the receive FIFO holds more
 *                 than its watermark (0: any byte)
 *   +0x18 div     baud = clock / (div + 1)
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define TXDATA 0x00
#define RXDATA 0x04
#define TXCTRL 0x08
#define RXCTRL 0x0c
#define IE     0x10
#define DIV    0x18

#define FIFO_FULL  (1u << 31)
#define FIFO_EMPTY (1u << 31)
#define CTRL_ENABLE 1u
#define IE_RXWM    (1u << 1)

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_CONSOLE_BASE + offset);
}

void platform_console_init(void)
{
    *reg(DIV) = P3_CONSOLE_CLOCK_HZ / P3_CONSOLE_BAUD - 1;
    *reg(TXCTRL) = CTRL_ENABLE;
    *reg(RXCTRL) = CTRL_ENABLE;
    *reg(IE) = 0;
}

void platform_console_putc(char c)
{
    while (*reg(TXDATA) & FIFO_FULL)
        ;
    *reg(TXDATA) = (unsigned char)c;
}

int platform_console_getc(void)
{
    uint32_t rx = *reg(RXDATA);   /* one read: it pops the FIFO */

    return rx & FIFO_EMPTY ? -1 : (int)(rx & 0xff);
}

void platform_console_enable_rx_irq(void)
{
    *reg(IE) = IE_RXWM;
}
