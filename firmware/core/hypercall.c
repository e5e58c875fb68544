/*
 * Handlers of the Phase3 calls (declared in spec/abi/hypercalls.ts). Each
 * takes its arguments as raw register values: an address from a partition is
 * a guest-physical number, never a pointer, until guest_range() has checked
 * it against what the spec grants. `self` is the calling vCPU.
 */
#include <p3_abi.h>
#include <p3_config.h>
#include "arch.h"
#include "channel.h"
#include "console.h"
#include "hypercall.h"
#include "irq.h"
#include "partition.h"
#include "sched.h"
#include "time.h"
#include "wait.h"

static inline struct p3_ret ok(p3_word value)
{
    return (struct p3_ret){ P3_OK, value };
}

static inline struct p3_ret status(long error)
{
    return (struct p3_ret){ error, 0 };
}

P3_HYPERCALL(version)
{
    return ok(P3_ABI_VERSION);
}

P3_HYPERCALL(write)
{
    if (len == 0)
        return ok(0);
    const char *text = guest_range(self->partition, buf, len, PERM_R);
    if (!text)
        return status(P3_ERR_BAD_ADDRESS);
    console_partition_write(self->partition, text, len);
    return ok(len);
}

P3_HYPERCALL(yield)
{
    sched_yield(hart_get(self->config->hart));
    return ok(0);
}

P3_HYPERCALL(exit)
{
    partition_exit(self->partition, (int)code);
    return ok(0);
}

P3_HYPERCALL(send)
{
    return status(channel_send(self->partition, (unsigned)ch, msg, len));
}

P3_HYPERCALL(recv)
{
    long n = channel_recv(self->partition, (unsigned)ch, buf, cap);
    return n < 0 ? status(n) : ok((p3_word)n);
}

P3_HYPERCALL(wait)
{
    struct partition *p = self->partition;
    uint32_t valid = p->config->nsources >= 32 ? ~0u : (1u << p->config->nsources) - 1;
    if ((uint32_t)mask & ~valid)
        return status(P3_ERR_INVALID);
    uint32_t ready = wait_ready_sources(p, (uint32_t)mask);
    uint64_t ns = P3_ARG64(deadline);
    uint64_t when = ns == UINT64_MAX ? NO_DEADLINE : ns_to_ticks(ns);
    if (!ready && arch_time_now() < when) {
        /* blocked by hypercall_block() once the trap path saved everything;
         * the result is written when the wait ends */
        self->wait_mask = (uint32_t)mask;
        self->wait_deadline = when;
        return status(P3_BLOCK_MARKER);
    }
    if (ready)
        __atomic_fetch_and(&p->notified, ~ready, __ATOMIC_ACQ_REL);
    return ok(ready);
}

P3_HYPERCALL(notify)
{
    return status(channel_notify(self->partition, (unsigned)ch));
}

P3_HYPERCALL(now)
{
    return P3_RET_U64(ticks_to_ns(arch_time_now()));
}

P3_HYPERCALL(irq_ack)
{
    return status(irq_ack(self->partition, (unsigned)irq));
}

P3_HYPERCALL(watchdog_pat)
{
    struct partition *p = self->partition;
    if (!p->config->watchdog)
        return status(P3_ERR_INVALID);
    p->watchdog_deadline = arch_time_now() + p->config->watchdog;
    return ok(0);
}

P3_HYPERCALL(read)
{
    if ((int)self->partition->config->id != P3_CONSOLE_OWNER)
        return status(P3_ERR_DENIED);
    if (cap == 0)
        return ok(0);
    char *to = guest_range(self->partition, buf, cap, PERM_W);
    if (!to)
        return status(P3_ERR_BAD_ADDRESS);
    size_t n = console_input_read(to, cap);
    if (!n)
        console_partition_flush(self->partition);   /* it waits for input: show its prompt */
    return n ? ok(n) : status(P3_ERR_AGAIN);
}

P3_HYPERCALL(send_reserve)
{
    uintptr_t where = 0;
    int error = channel_send_reserve(self->partition, (unsigned)ch, &where);
    return error ? status(error) : ok(where);
}

P3_HYPERCALL(send_commit)
{
    return status(channel_send_commit(self->partition, (unsigned)ch, len));
}

P3_HYPERCALL(recv_peek)
{
    uintptr_t where = 0;
    int error = channel_recv_peek(self->partition, (unsigned)ch, length, &where);
    return error ? status(error) : ok(where);
}

P3_HYPERCALL(recv_release)
{
    return status(channel_recv_release(self->partition, (unsigned)ch));
}

struct vcpu *hypercall_block(struct vcpu *v)
{
    struct hart *h = hart_get(v->config->hart);

    h->in_guest = 0;
    sched_block(v, WAIT_SOURCES, v->wait_mask, v->wait_deadline);
    return sched_next(h);
}

struct p3_ret hypercall_dispatch(struct vcpu *v, unsigned long fid, const unsigned long *args)
{
    if (fid >= P3_FID_LIMIT || !p3_calls[fid])
        return status(P3_ERR_NOT_SUPPORTED);
    return p3_calls[fid](args[0], args[1], args[2], args[3], args[4], v);
}
