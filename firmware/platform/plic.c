/*
 * PLIC (RISC-V platform-level interrupt controller, SiFive layout): one
 * priority per source, then per context an enable bitmap, a threshold and a
 * claim/complete register. The hypervisor uses each hart's S-mode context;
 * which context that is comes from the board (P3_PLIC_CONTEXT).
 */
#include <stdint.h>
#include <p3_config.h>
#include "irq.h"
#include "platform.h"

#define PRIORITY(line)      (P3_PLIC_BASE + 4u * (line))
#define ENABLE(ctx, line)   (P3_PLIC_BASE + 0x2000u + 0x80u * (ctx) + 4u * ((line) / 32))
#define THRESHOLD(ctx)      (P3_PLIC_BASE + 0x200000u + 0x1000u * (ctx))
#define CLAIM(ctx)          (THRESHOLD(ctx) + 4)

static inline volatile uint32_t *reg(uintptr_t address)
{
    return (volatile uint32_t *)address;
}

void platform_irq_init(void)
{
    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++)
        *reg(PRIORITY(p3_irq_routes[i].line)) = 1;
}

void platform_irq_hart_init(unsigned hart)
{
    unsigned ctx = P3_PLIC_CONTEXT(hart);
    unsigned routed = 0;

    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++) {
        const struct irq_route *r = &p3_irq_routes[i];
        if (r->hart == hart) {
            *reg(ENABLE(ctx, r->line)) |= 1u << (r->line % 32);
            routed++;
        }
    }
    /* A hart with no lines leaves its context alone: no source of priority
     * above 0 is enabled there. (QEMU's shakti_c maps only the first 128K of
     * its PLIC, so the contexts at +0x200000 fault there.) */
    if (routed)
        *reg(THRESHOLD(ctx)) = 0;
}

unsigned platform_irq_claim(unsigned hart)
{
    return *reg(CLAIM(P3_PLIC_CONTEXT(hart)));
}

void platform_irq_complete(unsigned hart, unsigned line)
{
    *reg(CLAIM(P3_PLIC_CONTEXT(hart))) = line;
}
