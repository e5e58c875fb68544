/* sender: drives each measurement; the receiver answers. */
#include <phase3.h>
#include "../common/bench.h"
#include "protocol.h"

static struct clock *clock;

static void receive_reply(int zero_copy)
{
    if (zero_copy) {
        void *slot;
        size_t len;
        while (p3_recv_peek(P3_CHAN_BACK, &len, &slot) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_BACK), P3_FOREVER);
        p3_recv_release(P3_CHAN_BACK);
    } else {
        struct message m;
        while (p3_recv(P3_CHAN_BACK, &m, sizeof m) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_BACK), P3_FOREVER);
    }
}

/* ROUNDS round trips against ROUNDS runs of an empty loop. */
static struct bench_loop round_trips(int zero_copy)
{
    struct message m = { 0, { 0 } };
    uint64_t t0 = bench_cycles();
    for (int i = 0; i < ROUNDS; i++)
        __asm__ volatile("" ::: "memory");
    uint64_t t1 = bench_cycles();
    for (int i = 0; i < ROUNDS; i++) {
        if (zero_copy) {
            void *slot;
            p3_send_reserve(P3_CHAN_THERE, &slot);
            ((struct message *)slot)->sent_at = bench_cycles();
            p3_send_commit(P3_CHAN_THERE, sizeof m);
        } else {
            m.sent_at = bench_cycles();
            p3_send(P3_CHAN_THERE, &m, sizeof m);
        }
        receive_reply(zero_copy);
    }
    uint64_t t2 = bench_cycles();
    return (struct bench_loop){ ROUNDS, t2 - t1, t1 - t0 };
}

int main(void)
{
    struct message m = { 0, { 0 } };
    int refused = 0;

    clock = p3_shm(P3_SHM_CLOCK, 0);
    /* Nothing is printed until the end: console output inside the other
     * partition's measurement would be counted in it (see bench/calls). */
    clock->phase = PHASE_COPY;
    struct bench_loop copy = round_trips(0);
    clock->phase = PHASE_ZERO_COPY;
    struct bench_loop zero_copy = round_trips(1);

    /* a burst of sends into the empty queue; the receiver sleeps on "go"
     * meanwhile, then times its receives from the full queue */
    struct bench_loop send = BENCH_MEASURE(BURST, refused += p3_send(P3_CHAN_THERE, &m, sizeof m) != P3_OK);
    p3_notify(P3_CHAN_GO);
    receive_reply(0);

    clock->phase = PHASE_NOTIFY;
    for (int i = 0; i < ROUNDS; i++) {
        clock->sent_at = bench_cycles();
        p3_notify(P3_CHAN_THERE);
        while (!(p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER) & P3_MASK(P3_CHAN_THERE)))
            ;
    }
    clock->phase = PHASE_DONE;
    p3_notify(P3_CHAN_THERE);

    if (refused) {
        p3_printf("FAIL %d of the burst's sends were refused\n", refused);
        return 1;
    }
    bench_print("roundtrip_64_copy", copy);
    bench_print("roundtrip_64_zero_copy", zero_copy);
    bench_print("send_64_copy", send);
    return 0;
}
