/*
 * CLINT (SiFive core-local interruptor): one 32-bit msip doorbell per hart at
 * the start of its window. The M-mode stage turns the resulting machine
 * software interrupt into a supervisor one (arch/riscv/hyp/m_entry.S).
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

void platform_ipi_send(unsigned hart)
{
    ((volatile uint32_t *)(uintptr_t)P3_TIMER_BASE)[hart] = 1;
}
