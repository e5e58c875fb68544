/*
 * Shakti UART (Shakti C-class SoC user manual; QEMU hw/char/shakti_uart.c)
 * as the console:
 *
 *   +0x00 baud     divisor: clock / (16 * baud)
 *   +0x04 tx       write a byte
 *   +0x08 rx       read the received byte
 *   +0x0c status   bit 1 tx full, bit 2 rx not empty
 *   +0x18 int_en   bit 2: interrupt while rx is not empty
 *
 * Only "tx full" is polled before a write: QEMU's model never sets
 * "tx empty", so waiting for that would wait forever there.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define BAUD   0x00
#define TX     0x04
#define RX     0x08
#define STATUS 0x0c
#define INT_EN 0x18

#define STATUS_TX_FULL      (1u << 1)
#define STATUS_RX_NOT_EMPTY (1u << 2)

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_CONSOLE_BASE + offset);
}

void platform_console_init(void)
{
    *reg(BAUD) = P3_CONSOLE_CLOCK_HZ / (16 * P3_CONSOLE_BAUD);
    *reg(INT_EN) = 0;
}

void platform_console_putc(char c)
{
    while (*reg(STATUS) & STATUS_TX_FULL)
        ;
    *reg(TX) = (unsigned char)c;
}

int platform_console_getc(void)
{
    if (!(*reg(STATUS) & STATUS_RX_NOT_EMPTY))
        return -1;
    return (int)(*reg(RX) & 0xff);
}

void platform_console_enable_rx_irq(void)
{
    *reg(INT_EN) = STATUS_RX_NOT_EMPTY;
}
