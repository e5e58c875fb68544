/* What the well-behaved pairs send each other, and how they check it. */
#ifndef EXCHANGE_H
#define EXCHANGE_H

#include <phase3.h>

#define EXCHANGE_MESSAGES 200u
#define EXCHANGE_DONE 0xd0d0d0d0u
#define FNV_OFFSET 2166136261u

struct exchange_msg {
    uint32_t seq;
    uint32_t sum;            /* fnv1a of the payload */
    uint8_t payload[56];
};

static inline uint32_t fnv1a(uint32_t h, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len--)
        h = (h ^ *p++) * 16777619u;
    return h;
}

/* Message `seq` of pair `pair`: a payload only that message has. */
static inline void exchange_fill(struct exchange_msg *m, uint32_t pair, uint32_t seq)
{
    uint32_t x = (seq + 1) * 2654435761u ^ pair << 28;
    m->seq = seq;
    for (size_t i = 0; i < sizeof m->payload; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        m->payload[i] = (uint8_t)x;
    }
    m->sum = fnv1a(FNV_OFFSET, m->payload, sizeof m->payload);
}

#endif
