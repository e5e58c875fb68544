/* What the message benchmarks' two partitions agree on. */
#ifndef PROTOCOL_H
#define PROTOCOL_H

#include <stdint.h>

#define ROUNDS 2000         /* round trips per measurement */
#define BURST 64            /* messages in a send-only or receive-only burst: the queue's depth */

/* The shared "clock" region: when the sender sent or notified. */
struct clock {
    volatile uint64_t sent_at;
    volatile uint32_t phase;     /* which measurement the sender is in */
};

enum phase { PHASE_COPY = 1, PHASE_ZERO_COPY, PHASE_NOTIFY, PHASE_DONE };

struct message {
    uint64_t sent_at;
    uint8_t payload[56];
};

#endif
