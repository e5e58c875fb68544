/* sensor: samples the signal every 100us and sends each sample to the filter. */
#include <phase3.h>
#include "signal.h"

int main(void)
{
    uint64_t next = p3_now();

    for (uint32_t seq = 0; seq < SAMPLES; seq++) {
        p3_wait(0, next);                       /* sleep until the sampling time */
        next += P3_US(100);
        struct sample s = { seq, signal_at(seq), p3_now() };
        int r;
        while ((r = p3_send(P3_CHAN_SAMPLES, &s, sizeof s)) == P3_ERR_FULL)
            p3_wait(P3_MASK(P3_CHAN_SAMPLES), p3_now() + P3_MS(1));   /* the filter notifies when it drains */
        if (r != P3_OK) {
            p3_printf("send failed: %d\n", r);
            return 1;
        }
    }
    p3_printf("sent %u samples\n", SAMPLES);
    return 0;
}
