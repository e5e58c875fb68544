/* receiver: answers each measurement and times one-way latency and receives. */
#include <phase3.h>
#include "../common/bench.h"
#include "protocol.h"

static uint64_t one_way_total;

static void answer(int zero_copy)
{
    struct message m;
    if (zero_copy) {
        void *slot;
        size_t len;
        while (p3_recv_peek(P3_CHAN_THERE, &len, &slot) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER);
        one_way_total += bench_cycles() - ((struct message *)slot)->sent_at;
        p3_recv_release(P3_CHAN_THERE);
        p3_send_reserve(P3_CHAN_BACK, &slot);
        p3_send_commit(P3_CHAN_BACK, sizeof m);
    } else {
        while (p3_recv(P3_CHAN_THERE, &m, sizeof m) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER);
        one_way_total += bench_cycles() - m.sent_at;
        p3_send(P3_CHAN_BACK, &m, sizeof m);
    }
}

int main(void)
{
    struct clock *clock = p3_shm(P3_SHM_CLOCK, 0);
    struct message m;
    int short_reads = 0;

    /* Nothing is printed until the end: console output inside another
     * partition's measurement would be counted in it (see bench/calls). */

    /* one way: from the sender's counter read before p3_send to ours after
     * the message is in our hands */
    for (int i = 0; i < ROUNDS; i++)
        answer(0);
    uint64_t copy = one_way_total;
    one_way_total = 0;
    for (int i = 0; i < ROUNDS; i++)
        answer(1);
    uint64_t zero_copy = one_way_total;

    /* the burst: sleep until the sender has filled the queue, then time the receives */
    while (!(p3_wait(P3_MASK(P3_CHAN_GO), P3_FOREVER) & P3_MASK(P3_CHAN_GO)))
        ;
    struct bench_loop recv = BENCH_MEASURE(BURST, short_reads += p3_recv(P3_CHAN_THERE, &m, sizeof m) != (long)sizeof m);
    p3_send(P3_CHAN_BACK, &m, sizeof m);

    /* notification to wake-up: from the sender's counter read before
     * p3_notify to ours when p3_wait returns */
    uint64_t total = 0;
    for (int i = 0; i < ROUNDS; i++) {
        while (!(p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER) & P3_MASK(P3_CHAN_THERE)))
            ;
        total += bench_cycles() - clock->sent_at;
        p3_notify(P3_CHAN_THERE);
    }
    while (clock->phase != PHASE_DONE)
        p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER);

    if (short_reads) {
        p3_printf("FAIL %d of the burst's receives found no message\n", short_reads);
        return 1;
    }
    bench_print_intervals("oneway_64_copy", ROUNDS, copy);
    bench_print_intervals("oneway_64_zero_copy", ROUNDS, zero_copy);
    bench_print("recv_64_copy", recv);
    bench_print_intervals("notify_to_wakeup", ROUNDS, total);
    return 0;
}
