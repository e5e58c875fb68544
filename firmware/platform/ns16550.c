/*
 * 16550-compatible UART as the console. Register spacing comes from the board
 * (P3_CONSOLE_REG_SHIFT): 0 on QEMU virt (byte registers), 2 on CVA6 (32-bit
 * registers, which must be accessed as words).
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define RBR 0   /* receive buffer (read) */
#define THR 0   /* transmit holding (write) */
#define DLL 0   /* divisor latch low (with LCR.DLAB) */
#define IER 1   /* interrupt enable */
#define DLM 1   /* divisor latch high (with LCR.DLAB) */
#define FCR 2   /* FIFO control (write) */
#define LCR 3   /* line control */
#define LSR 5   /* line status */

#define LCR_8N1  0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_AND_CLEAR 0x07
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

#if P3_CONSOLE_REG_SHIFT == 2
typedef volatile uint32_t uart_reg;
#else
typedef volatile uint8_t uart_reg;
#endif

static inline uart_reg *reg(unsigned index)
{
    return (uart_reg *)(uintptr_t)(P3_CONSOLE_BASE + (index << P3_CONSOLE_REG_SHIFT));
}

void platform_console_init(void)
{
    unsigned divisor = P3_CONSOLE_CLOCK_HZ / (16 * P3_CONSOLE_BAUD);

    *reg(IER) = 0;
    *reg(LCR) = LCR_DLAB;
    *reg(DLL) = divisor & 0xff;
    *reg(DLM) = (divisor >> 8) & 0xff;
    *reg(LCR) = LCR_8N1;
    *reg(FCR) = FCR_ENABLE_AND_CLEAR;
}

void platform_console_putc(char c)
{
    while (!(*reg(LSR) & LSR_THR_EMPTY))
        ;
    *reg(THR) = (unsigned char)c;
}

#define IER_RX_AVAILABLE 0x01

void platform_console_enable_rx_irq(void)
{
    *reg(IER) = IER_RX_AVAILABLE;
}

int platform_console_getc(void)
{
    if (!(*reg(LSR) & LSR_DATA_READY))
        return -1;
    return (int)(*reg(RBR) & 0xff);
}
