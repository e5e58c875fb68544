/*
 * owner: is granted QEMU virt's goldfish RTC and times its alarm interrupt,
 * from the instant the alarm is due to this app running again after
 * p3_wait. Under the harness's -icount the RTC counts QEMU's virtual
 * nanoseconds (-rtc clock=vm), one per instruction, so the alarm's instant
 * is known on the cycle counter's own scale.
 */
#include <phase3.h>
#include "../common/bench.h"

#define RTC ((volatile uint32_t *)0x00101000)
#define TIME_LOW 0
#define TIME_HIGH 1
#define ALARM_LOW 2
#define ALARM_HIGH 3
#define IRQ_ENABLED 4
#define CLEAR_INTERRUPT 7

#define ROUNDS 200
#define DELAY 50000    /* ns of the RTC, so instructions: the hart is idle long before */

int main(void)
{
    uint64_t total = 0;

    RTC[IRQ_ENABLED] = 1;
    for (int i = 0; i < ROUNDS; i++) {
        uint64_t c0, c1;
        uint32_t low;
        /* the RTC read between two counter reads: it happens at c1 - 1 */
        __asm__ volatile("csrr %1, cycle\n\tlw %0, 0(%3)\n\tcsrr %2, cycle"
                         : "=&r"(low), "=&r"(c0), "=&r"(c1) : "r"(RTC) : "memory");
        if (c1 - c0 != 2) {
            p3_printf("FAIL the RTC read is not one instruction on the counter (%lu)\n", (unsigned long)(c1 - c0));
            return 1;
        }
        uint64_t now = (uint64_t)RTC[TIME_HIGH] << 32 | low;
        uint64_t alarm = now + DELAY;
        uint64_t due = c1 - 1 + DELAY;                 /* the counter when the alarm is due */
        RTC[ALARM_HIGH] = (uint32_t)(alarm >> 32);
        RTC[ALARM_LOW] = (uint32_t)alarm;              /* writing the low half arms it */
        /* A wake-up before the alarm is due would be a line the controller
         * delivered again after its acknowledgement: the devices test makes
         * sure there is none, and a figure measured with one is wrong. */
        long ready = p3_wait(P3_MASK(P3_IRQ_RTC), P3_FOREVER);
        uint64_t woken = bench_cycles();
        if (!(ready & P3_MASK(P3_IRQ_RTC))) {
            p3_printf("FAIL p3_wait returned %ld, not the RTC\n", ready);
            return 1;
        }
        if (woken < due) {
            p3_printf("FAIL woken %lu instructions before the alarm was due\n", (unsigned long)(due - woken));
            return 1;
        }
        total += woken - due;
        RTC[CLEAR_INTERRUPT] = 1;
        p3_irq_ack(P3_IRQ_RTC);
    }
    /* from the instant itself: nothing to subtract */
    bench_print("device_irq_to_wakeup", (struct bench_loop){ ROUNDS, total, 0 });
    return 0;
}
