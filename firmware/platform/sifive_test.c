/*
 * QEMU's test finisher (compatible "sifive,test0"): a 32-bit write ends the
 * run. 0x5555 means pass (QEMU exits 0); (status << 16) | 0x3333 means fail,
 * and QEMU exits with `status`.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

void platform_exit(int status)
{
    volatile uint32_t *finisher = (volatile uint32_t *)(uintptr_t)P3_EXIT_BASE;

    *finisher = status == 0 ? FINISHER_PASS : ((uint32_t)status << 16) | FINISHER_FAIL;
    for (;;)
        __asm__ volatile("wfi");
}
