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
    uint32_t events = __atomic_load_n(&p->notified, __ATOMIC_ACQUIRE) | __atomic_load_n(&p->irq_pending, __ATOMIC_ACQUIRE);
    uint32_t ready = mask & events;
    uint32_t check = mask & c->data_sources & ~ready;

    for (unsigned id = 0; check; id++, check >>= 1) {
        if (!(check & 1))
            continue;
        const struct source_config *s = &c->sources[id];
        if (s->kind == SOURCE_CHANNEL_RX ? channel_has_message(s->index) : console_input_waiting())
            ready |= 1u << id;
    }
    return ready;
}

static int wait_is_over(struct vcpu *v, uint64_t now, uint32_t *ready)
{
    if (v->wait_kind == WAIT_INTERRUPT)
        return now >= v->wait_deadline || arch_vcpu_interrupt_pending(v);
    *ready = wait_ready_sources(v->partition, v->wait_mask);
    return *ready != 0 || now >= v->wait_deadline;
}

int wait_try_finish(struct vcpu *v, uint64_t now)
{
    uint32_t ready = 0;

    if (!wait_is_over(v, now, &ready))
        return 0;
    if (v->wait_kind == WAIT_SOURCES) {
        /* a notification is delivered once; an interrupt stays until acknowledged */
        __atomic_fetch_and(&v->partition->notified, ~ready, __ATOMIC_ACQ_REL);
        arch_vcpu_set_result(v, 0, ready);
    }
    v->state = VCPU_RUNNABLE;
    return 1;
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
