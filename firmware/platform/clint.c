/*
 * CLINT (SiFive core-local interruptor; ACLINT MSWI + MTIMER layout):
 *
 *   +0x0000  msip[hart]      32-bit doorbell per hart: bit 0 raises its
 *                            machine software interrupt
 *   +0x4000  mtimecmp[hart]  64-bit: the hart's machine timer interrupt is
 *                            pending while mtime >= mtimecmp
 *   +0xbff8  mtime           64-bit time base, P3_TIMEBASE_HZ
 *
 * Hypervisor mode uses only the doorbells (the M stage turns one into a
 * supervisor software interrupt, arch/riscv/hyp/m_entry.S); microkernel mode
 * also takes its time and timer from here.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define MSIP(hart)      ((volatile uint32_t *)(uintptr_t)(P3_TIMER_BASE + 4u * (hart)))
#define MTIMECMP(hart)  ((volatile uint32_t *)(uintptr_t)(P3_TIMER_BASE + 0x4000u + 8u * (hart)))
#define MTIME           ((volatile uint32_t *)(uintptr_t)(P3_TIMER_BASE + 0xbff8u))

void platform_ipi_send(unsigned hart)
{
    *MSIP(hart) = 1;
}

void platform_ipi_clear(unsigned hart)
{
    *MSIP(hart) = 0;
}

uint64_t platform_time_now(void)
{
#if __riscv_xlen == 64
    return *(volatile uint64_t *)MTIME;
#else
    /* Two 32-bit reads: read high, low, high again, and retry when the low
     * half wrapped in between. */
    uint32_t hi, lo;
    do {
        hi = MTIME[1];
        lo = MTIME[0];
    } while (MTIME[1] != hi);
    return ((uint64_t)hi << 32) | lo;
#endif
}

void platform_timer_set(unsigned hart, uint64_t deadline)
{
#if __riscv_xlen == 64
    *(volatile uint64_t *)MTIMECMP(hart) = deadline;
#else
    /* Never let the pair pass through a value below both the old and the
     * new deadline: park the high half at the maximum first. */
    volatile uint32_t *cmp = MTIMECMP(hart);
    cmp[1] = UINT32_MAX;
    cmp[0] = (uint32_t)deadline;
    cmp[1] = (uint32_t)(deadline >> 32);
#endif
}
