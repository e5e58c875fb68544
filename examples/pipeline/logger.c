/* logger: checks that every filtered sample arrives once, in order, correct. */
#include <phase3.h>
#include "signal.h"

int main(void)
{
    uint32_t next = 0;
    int32_t lowest = 0, highest = 0;

    while (next < SAMPLES) {
        struct event e;
        long n = p3_recv(P3_CHAN_EVENTS, &e, sizeof e);
        if (n == P3_ERR_AGAIN) {
            p3_wait(P3_MASK(P3_CHAN_EVENTS), P3_FOREVER);
            continue;
        }
        if (n != sizeof e || e.seq != next || e.average != expected_average(next)) {
            p3_printf("sample %u: got seq %u average %d, expected %d\n", next, e.seq, e.average, expected_average(next));
            return 1;
        }
        if (e.average < lowest || next == 0)
            lowest = e.average;
        if (e.average > highest)
            highest = e.average;
        if (next % 100 == 0)
            p3_printf("sample %u: average %d\n", next, e.average);
        next++;
    }
    p3_printf("all %u samples arrived once, in order, correct (range %d..%d)\n", SAMPLES, lowest, highest);
    return 0;
}
