/*
 * lead: times a partition switch (with partner), a 64-byte round trip (to
 * partner and back) and a device interrupt (the RTC, to this partition
 * returning from p3_wait with the hart idle), among however many idle
 * fillers the system has. The same code as bench/calls, bench/messages and
 * bench/irq measure with, so the figures compare.
 */
#include <phase3.h>
#include "../common/bench.h"
#include "protocol.h"

#define RTC ((volatile uint32_t *)0x00101000)
#define RTC_TIME_LOW 0
#define RTC_TIME_HIGH 1
#define RTC_ALARM_LOW 2
#define RTC_ALARM_HIGH 3
#define RTC_IRQ_ENABLED 4
#define RTC_CLEAR_INTERRUPT 7
#define DELAY 50000    /* ns of the RTC, so instructions: the hart is idle long before */

static void round_trip(struct message *m)
{
    p3_send(P3_CHAN_THERE, m, sizeof *m);
    while (p3_recv(P3_CHAN_BACK, m, sizeof *m) == P3_ERR_AGAIN)
        p3_wait(P3_MASK(P3_CHAN_BACK), P3_FOREVER);
}

/* From the instant the RTC alarm is due to this partition running again. */
static int device_interrupts(struct bench_loop *r)
{
    RTC[RTC_IRQ_ENABLED] = 1;
    for (int i = 0; i < ALARMS; i++) {
        uint64_t c0, c1;
        uint32_t low;
        /* the RTC read between two counter reads: it happens at c1 - 1 */
        __asm__ volatile("csrr %1, cycle\n\tlw %0, 0(%3)\n\tcsrr %2, cycle" : "=&r"(low), "=&r"(c0), "=&r"(c1) : "r"(RTC) : "memory");
        uint64_t alarm = ((uint64_t)RTC[RTC_TIME_HIGH] << 32 | low) + DELAY;
        uint64_t due = c1 - 1 + DELAY;
        RTC[RTC_ALARM_HIGH] = (uint32_t)(alarm >> 32);
        RTC[RTC_ALARM_LOW] = (uint32_t)alarm;
        long ready = p3_wait(P3_MASK(P3_IRQ_RTC), P3_FOREVER);
        uint64_t woken = bench_cycles();
        if (!(ready & P3_MASK(P3_IRQ_RTC)) || c1 - c0 != 2 || woken < due)
            return 1;
        r->total += woken - due;
        RTC[RTC_CLEAR_INTERRUPT] = 1;
        p3_irq_ack(P3_IRQ_RTC);
    }
    r->n = ALARMS;
    return 0;
}

int main(void)
{
    volatile uint32_t *phase = p3_shm(P3_SHM_BOARD, 0);
    struct message m = { 0, { 0 } };

    /* partner yields back at once: each of our yields is two switches */
    phase[0] = PHASE_SWITCH;
    struct bench_loop yields = BENCH_MEASURE(SWITCHES, p3_yield());
    yields.n = 2 * SWITCHES;
    phase[0] = PHASE_MESSAGES;

    struct bench_loop trips = BENCH_MEASURE(ROUNDS, round_trip(&m));
    m.stop = 1;
    p3_send(P3_CHAN_THERE, &m, sizeof m);

    struct bench_loop irq = { 0, 0, 0 };
    if (device_interrupts(&irq)) {
        p3_printf("FAIL an RTC alarm woke this partition early, or not at all\n");
        return 1;
    }
    bench_print("partition_switch", yields);
    bench_print("roundtrip_64_copy", trips);
    bench_print("device_irq_to_wakeup", irq);
    return 0;
}
