/*
 * Channels: bounded one-way message queues. The slots live in memory mapped
 * into both endpoints (the sender read-write, the receiver read-only) so the
 * zero-copy calls can hand out addresses; the indices and lengths live here,
 * in the hypervisor, where neither endpoint can corrupt them.
 */
#ifndef CORE_CHANNEL_H
#define CORE_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include "lock.h"

/* Generated from the spec: see the build folder's src/channels.c. */
struct channel_config {
    const char *name;
    uint8_t from, to;                /* partition ids */
    uint8_t from_source, to_source;  /* the channel's source id in each endpoint */
    uint8_t notify;                  /* a send wakes a waiting receiver */
    uint32_t msg_size;
    uint32_t depth;
    uintptr_t host;                  /* the slots, msg_size bytes each */
    uintptr_t guest;                 /* where both endpoints see them */
    uint32_t *lengths;               /* each slot's message length */
};

struct channel {
    spinlock_t lock;
    uint32_t head;                   /* next slot to fill (counts up, wraps at 2^32) */
    uint32_t tail;                   /* next slot to drain */
    uint8_t reserved;                /* a zero-copy send holds slot head */
    uint8_t peeked;                  /* a zero-copy receive holds slot tail */
};

extern const struct channel_config p3_channel_configs[];
extern struct channel p3_channels[];

struct partition;

/* A channel end of the calling partition, or an error (P3_ERR_*). */
int channel_send(struct partition *p, unsigned source, uintptr_t msg, size_t len);
long channel_recv(struct partition *p, unsigned source, uintptr_t buf, size_t cap);
int channel_notify(struct partition *p, unsigned source);
int channel_send_reserve(struct partition *p, unsigned source, uintptr_t *slot);
int channel_send_commit(struct partition *p, unsigned source, size_t len);
int channel_recv_peek(struct partition *p, unsigned source, uintptr_t length_out, uintptr_t *slot);
int channel_recv_release(struct partition *p, unsigned source);

/* Whether the channel holds a message (the receiver's readiness). */
static inline int channel_has_message(unsigned id)
{
    const struct channel *ch = &p3_channels[id];
    return __atomic_load_n(&ch->head, __ATOMIC_ACQUIRE) != __atomic_load_n(&ch->tail, __ATOMIC_ACQUIRE);
}

/* A restarted partition's ends lose what was in flight on its side: a slot it
 * had reserved and not committed, a message it had peeked at (which it will
 * read again). Committed messages stay: they are not the restarted one's state. */
void channel_reset_end(unsigned channel, unsigned partition);

#endif /* CORE_CHANNEL_H */
