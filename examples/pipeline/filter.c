/* filter: a moving average over the last WINDOW samples, sent on to the logger. */
#include <phase3.h>
#include "signal.h"

int main(void)
{
    int32_t recent[WINDOW];
    uint32_t seen = 0;

    while (seen < SAMPLES) {
        struct sample s;
        long n = p3_recv(P3_CHAN_SAMPLES, &s, sizeof s);
        if (n == P3_ERR_AGAIN) {
            p3_notify(P3_CHAN_SAMPLES);         /* drained: the sensor may send again */
            p3_wait(P3_MASK(P3_CHAN_SAMPLES), P3_FOREVER);
            continue;
        }
        if (n != sizeof s || s.seq != seen) {
            p3_printf("expected sample %u, got %u (length %ld)\n", seen, s.seq, n);
            return 1;
        }
        recent[seen % WINDOW] = s.value;
        seen++;
        uint32_t count = seen < WINDOW ? seen : WINDOW;
        int64_t sum = 0;
        for (uint32_t i = 0; i < count; i++)
            sum += recent[i];
        struct event e = { s.seq, (int32_t)(sum / count) };
        while (p3_send(P3_CHAN_EVENTS, &e, sizeof e) == P3_ERR_FULL)
            p3_yield();
    }
    p3_printf("filtered %u samples\n", seen);
    return 0;
}
