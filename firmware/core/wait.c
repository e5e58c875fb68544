/* Wait sources and the end of waits: see wait.h. */
#include <p3_config.h>
#include "arch.h"
#include "channel.h"
#include "console.h"
#include "partition.h"
#include "sched.h"
#include "wait.h"

uint32_t wait_ready_sources(struct partition *p, uint32_t mask)
{
    const struct partition_config *c = p->config;
    uint32_t ready = mask & (__atomic_load_n(&p->notified, __ATOMIC_ACQUIRE) | __atomic_load_n(&p->irq_pending, __ATOMIC_ACQUIRE));

    for (unsigned id = 0; id < c->nsources; id++) {
        uint32_t bit = 1u << id;
        if (!(mask & bit) || (ready & bit))
            continue;
        const struct source_config *s = &c->sources[id];
        if ((s->kind == SOURCE_CHANNEL_RX && channel_has_message(s->index)) ||
            (s->kind == SOURCE_CONSOLE && console_input_waiting()))
            ready |= bit;
    }
    return ready;
}

static int wait_is_over(struct vcpu *v, uint64_t now, uint32_t *ready)
{
    if (now >= v->wait_deadline)
        return 1;
    if (v->wait_kind == WAIT_INTERRUPT)
        return arch_vcpu_interrupt_pending(v);
    *ready = wait_ready_sources(v->partition, v->wait_mask);
    return *ready != 0;
}

int wait_try_finish(struct vcpu *v, uint64_t now)
{
    uint32_t ready = 0;

    if (!wait_is_over(v, now, &ready))
        return 0;
    if (v->wait_kind == WAIT_SOURCES) {
        if (!ready)
            ready = wait_ready_sources(v->partition, v->wait_mask);
        /* a notification is delivered once; an interrupt stays until acknowledged */
        __atomic_fetch_and(&v->partition->notified, ~ready, __ATOMIC_ACQ_REL);
        arch_vcpu_set_result(v, 0, ready);
    }
    v->state = VCPU_RUNNABLE;
    return 1;
}

int wait_any_ready(const uint16_t *vcpus, unsigned count)
{
    uint64_t now = arch_time_now();

    for (unsigned i = 0; i < count; i++) {
        struct vcpu *v = &p3_vcpus[vcpus[i]];
        uint32_t ready = 0;
        if (v->state == VCPU_BLOCKED && wait_is_over(v, now, &ready))
            return 1;
    }
    return 0;
}

void wait_notify(struct partition *p, uint32_t sources)
{
    __atomic_fetch_or(&p->notified, sources, __ATOMIC_ACQ_REL);
    sched_wake_partition(p);
}

void wait_raise_irq(struct partition *p, uint32_t sources)
{
    __atomic_fetch_or(&p->irq_pending, sources, __ATOMIC_ACQ_REL);
    sched_wake_partition(p);
}
