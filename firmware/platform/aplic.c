/*
 * APLIC (RISC-V Advanced Interrupt Architecture, direct delivery mode): the
 * supervisor-level domain the M stage delegated every source to. Each source
 * has a mode, a target hart and an enable; each hart an interrupt delivery
 * control (IDC) whose claimi register hands out the next pending source.
 * A claimed line is disabled until its owner acknowledges it, because a
 * level-triggered line would otherwise fire again at once.
 *
 * Acknowledging recomputes the source's pending bit from its line. In
 * direct delivery a level source's pending bit should follow the line, but
 * QEMU 7.2 keeps it once set: a claim while the device still holds the line
 * high sets it again, and it stays set after the device lowers the line, so
 * the acknowledged interrupt was delivered a second time. Software cannot
 * write a level source's pending bit in direct mode; making the source
 * inactive (which clears its pending and enable bits) and active again sets
 * pending only if the line is high now. On an APLIC that follows the
 * specification this changes nothing.
 */
#include <stdint.h>
#include <p3_config.h>
#include "irq.h"
#include "platform.h"

#define DOMAINCFG        0x0000
#define SOURCECFG(line)  (0x0004 + 4u * ((line) - 1))
#define SETIENUM         0x1edc
#define CLRIENUM         0x1fdc
#define TARGET(line)     (0x3004 + 4u * ((line) - 1))
#define IDC(hart)        (0x4000 + 32u * (hart))
#define IDELIVERY        0x00
#define ITHRESHOLD       0x08
#define CLAIMI           0x1c

#define DOMAINCFG_IE     (1u << 8)
#define SOURCE_INACTIVE  0
#define SOURCE_LEVEL_HIGH 6
#define TARGET_HART_SHIFT 18

static inline volatile uint32_t *reg(uintptr_t offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_APLIC_DOMAIN_BASE + offset);
}

void platform_irq_init(void)
{
    *reg(DOMAINCFG) = DOMAINCFG_IE;
    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++) {
        const struct irq_route *r = &p3_irq_routes[i];
        *reg(SOURCECFG(r->line)) = SOURCE_LEVEL_HIGH;
        *reg(TARGET(r->line)) = (uint32_t)r->hart << TARGET_HART_SHIFT | 1;   /* priority 1 */
        *reg(SETIENUM) = r->line;
    }
}

void platform_irq_hart_init(unsigned hart)
{
    *reg(IDC(hart) + ITHRESHOLD) = 0;
    *reg(IDC(hart) + IDELIVERY) = 1;
}

unsigned platform_irq_claim(unsigned hart)
{
    unsigned line = *reg(IDC(hart) + CLAIMI) >> 16;
    if (line)
        *reg(CLRIENUM) = line;
    return line;
}

void platform_irq_complete(unsigned hart, unsigned line)
{
    (void)hart;
    *reg(SOURCECFG(line)) = SOURCE_INACTIVE;
    *reg(SOURCECFG(line)) = SOURCE_LEVEL_HIGH;
    *reg(SETIENUM) = line;
}
