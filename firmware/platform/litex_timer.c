/*
 * LiteX timer0 (litex/soc/cores/timer.py, class Timer) as the time base and
 * the timer, behind LiteX's CSR bus with 32-bit CSR data width (one register
 * per 32-bit word, as litex_uart.c):
 *
 *   +0x00 load          the count the timer starts from while en is 0
 *   +0x04 reload        the count it continues from after reaching 0
 *   +0x08 en            1: count down by one per system clock; 0: hold `load`
 *   +0x0c update_value  a write latches the current count into `value`
 *   +0x10 value         the latched count
 *   +0x14 ev_status
 *   +0x18 ev_pending    bit 0 "zero": set when the count reaches 0; write 1 to clear
 *   +0x1c ev_enable     bit 0: the timer's interrupt line follows ev_pending
 *
 * The line goes to VexRiscv's interrupt controller (vexriscv_intc.c), which
 * leaves it to this driver. There is no mtime and no mtimecmp, so the two
 * hooks are built on the one down-counter:
 *
 * Time base. The counter always runs, with reload = 2^32 - 1: after it
 * reaches 0 it wraps and goes on. The driver remembers the time `base` at
 * which it last (re)started the counter from `loaded`, and counts the zeros
 * since then. The counter has counted loaded + zeros * 2^32 - value ticks
 * since that start; platform_time_now() returns base plus that. A zero is
 * seen as ev_pending; it is read before and after latching the count, and
 * the reading retried when they differ, so a count is never paired with the
 * wrong number of zeros; a zero that is seen is cleared and counted. The
 * event stays enabled, so a wrap interrupts the hart at least every 2^32
 * ticks (43 s at 100 MHz) and is always counted, even with no deadline set.
 *
 * Deadlines. platform_timer_set() restarts the counter so that one of its
 * zeros falls on the deadline: from (deadline - now) mod 2^32, so the zero
 * after (deadline - now) / 2^32 wraps is the deadline (the earlier ones wake
 * the kernel early; it finds nothing due and sleeps on). A deadline already
 * past restarts it from 1: the interrupt comes one tick later, as a
 * mtimecmp at or below mtime would raise it at once. UINT64_MAX (never)
 * leaves the counter alone: at worst an old deadline wakes the kernel for
 * nothing.
 *
 * The cost, stated: restarting the counter loses the ticks between reading
 * it and setting en again (a few CSR accesses, tens of clock cycles), once
 * per deadline set. The time base is monotonic and deadlines fire when it
 * reaches them, but it runs that much slower than the system clock; it is
 * not a wall clock.
 *
 * LiteX timer0 is one counter and rings no other hart, so it serves a board
 * with one hart (the LiteX/VexRiscv board has one): the IPI hooks have
 * nothing to ring, and a build for more harts is refused below.
 */
#include <stdint.h>
#include <p3_config.h>
#include "platform.h"

#if P3_NUM_HARTS != 1
#error "LiteX timer0 is a single counter with no inter-processor doorbells: it can only serve a board with one hart"
#endif

#define LOAD         0x00
#define RELOAD       0x04
#define EN           0x08
#define UPDATE_VALUE 0x0c
#define VALUE        0x10
#define EV_PENDING   0x18
#define EV_ENABLE    0x1c

#define EV_ZERO 1u

static inline volatile uint32_t *reg(unsigned offset)
{
    return (volatile uint32_t *)(uintptr_t)(P3_TIMER_BASE + offset);
}

static uint64_t base;     /* the time when the counter was last started */
static uint32_t loaded;   /* the count it was started from */
static uint64_t zeros;    /* how often it has reached 0 since */
static int running;

static void restart(uint64_t now, uint32_t count)
{
    *reg(EN) = 0;                 /* stopped: the counter holds `load` */
    *reg(LOAD) = count;
    *reg(RELOAD) = UINT32_MAX;    /* after a zero, wrap and go on */
    *reg(EV_PENDING) = EV_ZERO;   /* a zero of the old count is not this count's */
    *reg(EV_ENABLE) = EV_ZERO;
    *reg(EN) = 1;
    base = now;
    loaded = count;
    zeros = 0;
    running = 1;
}

uint64_t platform_time_now(void)
{
    uint32_t before, value, after;

    if (!running)
        restart(0, UINT32_MAX);   /* time starts at the first reading */
    do {
        before = *reg(EV_PENDING) & EV_ZERO;
        *reg(UPDATE_VALUE) = 1;
        value = *reg(VALUE);
        after = *reg(EV_PENDING) & EV_ZERO;
    } while (before != after);
    if (after) {
        *reg(EV_PENDING) = EV_ZERO;   /* the next 0 is 2^32 ticks away */
        zeros++;
    }
    return base + loaded + (zeros << 32) - value;
}

void platform_timer_set(unsigned hart, uint64_t deadline)
{
    (void)hart;   /* one hart, one timer */
    uint64_t now = platform_time_now();

    if (deadline == UINT64_MAX)
        return;
    uint32_t count = (uint32_t)(deadline > now ? deadline - now : 0);
    if (count == 0)
        count = 1;   /* a zero needs a count to fall from: one tick late at worst */
    restart(now, count);
}

/* No doorbells: with one hart, nothing rings another (see the #error). */
void platform_ipi_send(unsigned hart)
{
    (void)hart;
}

void platform_ipi_clear(unsigned hart)
{
    (void)hart;
}
