/*
 * Channels: see channel.h. A partition names a channel by its own source id;
 * this file checks that the id is a channel end of the caller and that it is
 * the right end, then copies with every guest pointer checked by guest_range().
 * One lock per channel: the sender and receiver may be on different harts.
 */
#include <p3_abi.h>
#include <p3_config.h>
#include <libc/string.h>
#include "channel.h"
#include "partition.h"
#include "sched.h"
#include "wait.h"

struct channel p3_channels[P3_NUM_CHANNELS > 0 ? P3_NUM_CHANNELS : 1];

/* The channel behind the caller's source id, if it is the wanted end. */
static int channel_of(const struct partition *p, unsigned source, unsigned end, unsigned *id)
{
    if (source >= p->config->nsources)
        return P3_ERR_INVALID;
    const struct source_config *s = &p->config->sources[source];
    if (s->kind != SOURCE_CHANNEL_TX && s->kind != SOURCE_CHANNEL_RX)
        return P3_ERR_INVALID;
    if (s->kind != end)
        return P3_ERR_DENIED;
    *id = s->index;
    return P3_OK;
}

static uint32_t queued(const struct channel *ch)
{
    return ch->head - ch->tail;
}

static void *slot(const struct channel_config *c, uint32_t index)
{
    return (void *)(c->host + (uintptr_t)(index % c->depth) * c->msg_size);
}

/* A send may end the receiver's wait. */
static void wake_receiver(const struct channel_config *c)
{
    if (c->notify)
        sched_wake_partition(&partitions[c->to]);
}

int channel_send(struct partition *p, unsigned source, uintptr_t msg, size_t len)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_TX, &id);
    if (error)
        return error;
    const struct channel_config *c = &p3_channel_configs[id];
    if (len > c->msg_size)
        return P3_ERR_INVALID;
    const void *from = len ? guest_range(p, msg, len, PERM_R) : (const void *)c->host;
    if (!from)
        return P3_ERR_BAD_ADDRESS;
    struct channel *ch = &p3_channels[id];
    spin_lock(&ch->lock);
    if (queued(ch) == c->depth || ch->reserved) {
        spin_unlock(&ch->lock);
        return P3_ERR_FULL;
    }
    memcpy(slot(c, ch->head), from, len);
    c->lengths[ch->head % c->depth] = (uint32_t)len;
    __atomic_store_n(&ch->head, ch->head + 1, __ATOMIC_RELEASE);
    spin_unlock(&ch->lock);
    wake_receiver(c);
    return P3_OK;
}

long channel_recv(struct partition *p, unsigned source, uintptr_t buf, size_t cap)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_RX, &id);
    if (error)
        return error;
    const struct channel_config *c = &p3_channel_configs[id];
    struct channel *ch = &p3_channels[id];
    spin_lock(&ch->lock);
    if (queued(ch) == 0 || ch->peeked) {
        spin_unlock(&ch->lock);
        return queued(ch) == 0 ? P3_ERR_AGAIN : P3_ERR_BUSY;
    }
    size_t len = c->lengths[ch->tail % c->depth];
    size_t take = len < cap ? len : cap;
    void *to = take ? guest_range(p, buf, take, PERM_W) : (void *)c->host;
    if (!to) {
        spin_unlock(&ch->lock);
        return P3_ERR_BAD_ADDRESS;
    }
    memcpy(to, slot(c, ch->tail), take);
    __atomic_store_n(&ch->tail, ch->tail + 1, __ATOMIC_RELEASE);
    spin_unlock(&ch->lock);
    return (long)len;
}

int channel_notify(struct partition *p, unsigned source)
{
    if (source >= p->config->nsources)
        return P3_ERR_INVALID;
    const struct source_config *s = &p->config->sources[source];
    if (s->kind != SOURCE_CHANNEL_TX && s->kind != SOURCE_CHANNEL_RX)
        return P3_ERR_INVALID;
    const struct channel_config *c = &p3_channel_configs[s->index];
    if (s->kind == SOURCE_CHANNEL_TX)
        wait_notify(&partitions[c->to], 1u << c->to_source);
    else
        wait_notify(&partitions[c->from], 1u << c->from_source);
    return P3_OK;
}

int channel_send_reserve(struct partition *p, unsigned source, uintptr_t *where)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_TX, &id);
    if (error)
        return error;
    const struct channel_config *c = &p3_channel_configs[id];
    struct channel *ch = &p3_channels[id];
    spin_lock(&ch->lock);
    if (ch->reserved)
        error = P3_ERR_BUSY;
    else if (queued(ch) == c->depth)
        error = P3_ERR_FULL;
    else
        ch->reserved = 1;
    spin_unlock(&ch->lock);
    if (!error)
        *where = c->guest + (uintptr_t)(ch->head % c->depth) * c->msg_size;
    return error;
}

int channel_send_commit(struct partition *p, unsigned source, size_t len)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_TX, &id);
    if (error)
        return error;
    const struct channel_config *c = &p3_channel_configs[id];
    struct channel *ch = &p3_channels[id];
    if (len > c->msg_size)
        return P3_ERR_INVALID;
    spin_lock(&ch->lock);
    if (!ch->reserved) {
        spin_unlock(&ch->lock);
        return P3_ERR_INVALID;
    }
    c->lengths[ch->head % c->depth] = (uint32_t)len;
    ch->reserved = 0;
    __atomic_store_n(&ch->head, ch->head + 1, __ATOMIC_RELEASE);
    spin_unlock(&ch->lock);
    wake_receiver(c);
    return P3_OK;
}

int channel_recv_peek(struct partition *p, unsigned source, uintptr_t length_out, uintptr_t *where)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_RX, &id);
    if (error)
        return error;
    const struct channel_config *c = &p3_channel_configs[id];
    size_t *length = guest_range(p, length_out, sizeof(size_t), PERM_W);
    if (!length || length_out % sizeof(size_t))
        return P3_ERR_BAD_ADDRESS;
    struct channel *ch = &p3_channels[id];
    spin_lock(&ch->lock);
    if (queued(ch) == 0)
        error = P3_ERR_AGAIN;
    else if (ch->peeked)
        error = P3_ERR_BUSY;
    else
        ch->peeked = 1;
    spin_unlock(&ch->lock);
    if (error)
        return error;
    *length = c->lengths[ch->tail % c->depth];
    *where = c->guest + (uintptr_t)(ch->tail % c->depth) * c->msg_size;
    return P3_OK;
}

int channel_recv_release(struct partition *p, unsigned source)
{
    unsigned id;
    int error = channel_of(p, source, SOURCE_CHANNEL_RX, &id);
    if (error)
        return error;
    struct channel *ch = &p3_channels[id];
    spin_lock(&ch->lock);
    if (!ch->peeked) {
        error = P3_ERR_INVALID;
    } else {
        ch->peeked = 0;
        __atomic_store_n(&ch->tail, ch->tail + 1, __ATOMIC_RELEASE);
    }
    spin_unlock(&ch->lock);
    return error;
}

void channel_reset_end(unsigned id, unsigned partition)
{
    const struct channel_config *c = &p3_channel_configs[id];
    struct channel *ch = &p3_channels[id];

    spin_lock(&ch->lock);
    if (c->from == partition)
        ch->reserved = 0;
    if (c->to == partition)
        ch->peeked = 0;
    spin_unlock(&ch->lock);
}
