/*
 * The well-behaved pairs beside the attackers: ping_a sends to pong_a on
 * the same hart, ping_b (hart 0) to pong_b (hart 1). Every message carries
 * its sequence number, a payload generated from it and the payload's
 * checksum; the receiver regenerates and compares each one. Both ends print
 * a checksum over every payload byte, so a lost, repeated, reordered or
 * altered message shows.
 */
#include <phase3.h>
#include "exchange.h"

#if defined(P3_CHAN_PAIR_A)
#define PAIR P3_CHAN_PAIR_A
#define PAIR_ID 1u
#elif defined(P3_CHAN_PAIR_B)
#define PAIR P3_CHAN_PAIR_B
#define PAIR_ID 2u
#endif

static int sender(void)
{
    struct exchange_msg m;
    uint32_t total = FNV_OFFSET;

    for (uint32_t seq = 0; seq < EXCHANGE_MESSAGES; seq++) {
        exchange_fill(&m, PAIR_ID, seq);
        total = fnv1a(total, m.payload, sizeof m.payload);
        int error;
        while ((error = p3_send(PAIR, &m, sizeof m)) == P3_ERR_FULL)
            p3_wait(P3_MASK(PAIR), p3_now() + P3_MS(1));
        if (error)
            return p3_printf("send failed: %d\n", error), 1;
    }
    p3_printf("sent %u messages, checksum %08x\n", EXCHANGE_MESSAGES, total);
    return 0;
}

static int receiver(void)
{
    struct exchange_msg m, want;
    uint32_t total = FNV_OFFSET, got = 0, bad = 0, noise = 0;
    uint32_t mask = P3_MASK(PAIR);
#ifdef P3_CHAN_NOISE
    mask |= P3_MASK(P3_CHAN_NOISE);   /* a hostile peer floods this one */
#endif

    while (got < EXCHANGE_MESSAGES) {
        p3_wait(mask, P3_FOREVER);
        long n;
        while ((n = p3_recv(PAIR, &m, sizeof m)) != P3_ERR_AGAIN) {
            exchange_fill(&want, PAIR_ID, got);
            if (n != sizeof m || memcmp(&m, &want, sizeof m) != 0 || fnv1a(FNV_OFFSET, m.payload, sizeof m.payload) != m.sum)
                bad++;
            total = fnv1a(total, m.payload, sizeof m.payload);
            got++;
        }
        p3_notify(PAIR);   /* room again: wake the sender */
#ifdef P3_CHAN_NOISE
        char junk[8];
        while (p3_recv(P3_CHAN_NOISE, junk, sizeof junk) >= 0)
            noise++;
#endif
    }
#ifdef P3_SHM_DONE
    volatile uint32_t *done = p3_shm(P3_SHM_DONE, 0);
    done[PAIR_ID] = EXCHANGE_DONE;   /* for halter, who waits for both pairs */
#endif
    p3_printf("received %u messages, %u bad, checksum %08x (%u noise messages dropped)\n", got, bad, total, noise);
    return bad != 0;
}

int main(void)
{
    return P3_PARTITION_NAME[1] == 'i' ? sender() : receiver();
}
