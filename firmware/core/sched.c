/*
 * Per-hart scheduling. A hart only ever changes the state of its own vCPUs;
 * other harts reach them through partition event bits (see wait.c) and an
 * IPI. Every decision is made in sched_next():
 *
 *   1. charge the running vCPU for its time (priority budgets);
 *   2. fault partitions whose watchdog or budget ran out;
 *   3. finish the waits that are over;
 *   4. choose by the hart's policy, or idle until something happens.
 */
#include <p3_config.h>
#include "arch.h"
#include "partition.h"
#include "sched.h"
#include "sched_layout.h"
#include "trace.h"
#include "wait.h"

_Static_assert(sizeof(struct hart) <= HART_STATE_SIZE, "struct hart outgrew HART_STATE_SIZE");
_Static_assert(sizeof(struct hart_area) == HART_AREA_SIZE, "hart area layout must match sched_layout.h");

struct hart_area hart_areas[P3_NUM_HARTS];
static uint64_t epoch;

void sched_set_epoch(uint64_t ticks)
{
    epoch = ticks;
}

static struct vcpu *vcpu_at(const struct hart *h, unsigned slot)
{
    return &p3_vcpus[h->config->vcpus[slot]];
}

static unsigned priority_of(const struct vcpu *v)
{
    return v->partition->config->priority;
}

/* --- the policies -------------------------------------------------------- */

/* Turns in spec order, one slice each. */
static struct vcpu *choose_round_robin(struct hart *h, uint64_t now)
{
    const struct hart_config *c = h->config;
    struct vcpu *cur = h->current;

    if (cur && cur->state == VCPU_RUNNABLE && now < h->turn_end)
        return cur;
    for (unsigned step = 1; step <= c->nvcpus; step++) {
        unsigned slot = (h->next + step) % c->nvcpus;
        struct vcpu *v = vcpu_at(h, slot);
        if (v->state == VCPU_RUNNABLE) {
            h->next = slot;
            h->turn_end = now + c->slice;
            return v;
        }
    }
    return 0;
}

/* The window the time falls in owns the hart; if its vCPU cannot run, the
 * hart idles: a window is never lent to another partition. */
static struct vcpu *choose_frame(struct hart *h, uint64_t now)
{
    const struct hart_config *c = h->config;
    uint64_t into = (now - epoch) % c->major_frame;
    uint64_t frame_start = now - into;
    uint64_t next_start = c->major_frame;

    for (unsigned i = 0; i < c->nwindows; i++) {
        const struct sched_window *w = &c->windows[i];
        if (into >= w->start && into < w->end) {
            h->turn_end = frame_start + w->end;
            if (w->vcpu == WINDOW_IDLE)
                return 0;
            struct vcpu *v = &p3_vcpus[w->vcpu];
            return v->state == VCPU_RUNNABLE ? v : 0;
        }
        if (w->start > into && w->start < next_start)
            next_start = w->start;
    }
    h->turn_end = frame_start + next_start;   /* a gap between windows */
    return 0;
}

/* The highest priority runnable vCPU; equal priorities take turns. */
static struct vcpu *choose_priority(struct hart *h, uint64_t now)
{
    const struct hart_config *c = h->config;
    struct vcpu *cur = h->current;
    struct vcpu *best = 0;
    unsigned best_slot = 0;

    for (unsigned step = 1; step <= c->nvcpus; step++) {
        unsigned slot = (h->next + step) % c->nvcpus;
        struct vcpu *v = vcpu_at(h, slot);
        if (v->state == VCPU_RUNNABLE && (!best || priority_of(v) > priority_of(best))) {
            best = v;
            best_slot = slot;
        }
    }
    if (!best)
        return 0;
    /* keep the current vCPU through its slice unless something outranks it */
    if (cur && cur->state == VCPU_RUNNABLE && now < h->turn_end && priority_of(cur) >= priority_of(best))
        return cur;
    h->next = best_slot;
    h->turn_end = now + c->slice;
    return best;
}

static struct vcpu *choose(struct hart *h, uint64_t now)
{
    switch (h->config->policy) {
    case SCHED_FRAME:
        return choose_frame(h, now);
    case SCHED_PRIORITY:
        return choose_priority(h, now);
    default:
        return choose_round_robin(h, now);
    }
}

/* --- time: budgets, watchdogs, the timer ---------------------------------- */

/* Renews the budget of a vCPU whose period has passed. */
static void renew_budget(struct vcpu *v, uint64_t now)
{
    const struct partition_config *c = v->partition->config;

    if (c->period && now - v->period_start >= c->period) {
        v->period_start += (now - v->period_start) / c->period * c->period;
        v->budget_used = 0;
    }
}

/* Charges the running vCPU; returns 0 if it overran its budget. */
static int charge(struct hart *h, uint64_t now)
{
    struct vcpu *v = h->current;

    if (!v || v->state != VCPU_RUNNABLE || !v->partition->config->budget)
        return 1;
    renew_budget(v, now);
    v->budget_used += now - h->dispatched;
    h->dispatched = now;
    return v->budget_used <= v->partition->config->budget;
}

static void check_health(struct hart *h, uint64_t now)
{
    if (!h->keeps_health)
        return;
    if (!charge(h, now)) {
        struct fault f = { .what = "budget overrun", .pc = h->current->regs.x[0] };
        partition_fault(h->current->partition, h->current, &f);
    }
    for (unsigned i = 0; i < h->config->nvcpus; i++) {
        struct vcpu *v = vcpu_at(h, i);
        struct partition *p = v->partition;
        /* a partition's watchdog is kept by the hart of its first vCPU */
        if (v->config->index == 0 && p->state == PARTITION_RUNNING && p->config->watchdog && now >= p->watchdog_deadline) {
            struct fault f = { .what = "watchdog expired", .pc = v->regs.x[0] };
            partition_fault(p, v, &f);   /* not running: its registers as last saved */
        }
    }
}

static void program_timer(struct hart *h, uint64_t now)
{
    /* a turn that is over matters only to frames, whose next window it is */
    uint64_t next = h->turn_end > now ? h->turn_end : NO_DEADLINE;
    struct vcpu *cur = h->current;

    if (cur && cur->state == VCPU_RUNNABLE && cur->partition->config->budget) {
        const struct partition_config *c = cur->partition->config;
        uint64_t left = cur->budget_used < c->budget ? c->budget - cur->budget_used : 0;
        uint64_t overrun = h->dispatched + left + 1;
        uint64_t renewal = cur->period_start + c->period;
        if (overrun < next)
            next = overrun;
        if (renewal < next)
            next = renewal;
    }
    for (unsigned i = 0; i < h->config->nvcpus; i++) {
        struct vcpu *v = vcpu_at(h, i);
        if (v->state == VCPU_BLOCKED && v->wait_deadline < next)
            next = v->wait_deadline;
        if (h->keeps_health && v->config->index == 0 && v->partition->config->watchdog &&
            v->partition->state == PARTITION_RUNNING && v->partition->watchdog_deadline < next)
            next = v->partition->watchdog_deadline;
    }
    if (next != h->timer) {       /* a CSR write costs more than the comparison */
        h->timer = next;
        arch_timer_set(next);
    }
}

/* --- choosing ---------------------------------------------------------- */

static int has_live_vcpus(const struct hart *h)
{
    for (unsigned i = 0; i < h->config->nvcpus; i++)
        if (vcpu_at(h, i)->state != VCPU_DONE)
            return 1;
    return 0;
}

static void finish_waits(struct hart *h, uint64_t now)
{
    for (unsigned i = 0; i < h->config->nvcpus; i++) {
        struct vcpu *v = vcpu_at(h, i);
        if (v->state == VCPU_BLOCKED)
            wait_try_finish(v, now);
    }
}

static void dispatch(struct hart *h, struct vcpu *next, uint64_t now)
{
    if (h->current != next) {
        arch_vcpu_switch(h->current, next);
        next->regs.hart_sp = (uintptr_t)h;
        h->current = next;
    }
    h->dispatched = now;
    if (next->partition->config->budget)
        renew_budget(next, now);
    arch_vcpu_prepare(next);
}

struct vcpu *sched_next(struct hart *h)
{
    for (;;) {
        unsigned kicks = h->kicks;
        uint64_t now = arch_time_now();
        check_health(h, now);
        if (partitions_restarting())
            partitions_finish_restarts(h);
        finish_waits(h, now);
        struct vcpu *next = choose(h, now);
        if (next) {
            dispatch(h, next, now);
            program_timer(h, now);
            h->in_guest = 1;
            trace_resume(h, next);
            return next;
        }
        trace_idle(h);
        if (!has_live_vcpus(h))
            arch_halt_hart();   /* this hart's partitions are all done */
        program_timer(h, now);
        h->idle = 1;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        /* a waker that came after the look above but saw idle == 0 sent no
         * IPI; it did bump kicks, so look again instead of sleeping */
        if (h->kicks == kicks)
            arch_wait_for_interrupt();
        h->idle = 0;
        arch_service_interrupts(h);
    }
}

void sched_yield(struct hart *h)
{
    h->turn_end = 0;
}

void sched_block(struct vcpu *v, enum wait_kind kind, uint32_t mask, uint64_t deadline)
{
    v->wait_kind = kind;
    v->wait_mask = mask;
    v->wait_deadline = deadline;
    v->state = VCPU_BLOCKED;
}

/* Whether hart h must be interrupted to notice that v may run. */
static int needs_kick(const struct hart *h, const struct vcpu *v)
{
    if (h->idle)
        return 1;
    if (h->config->policy != SCHED_PRIORITY)
        return 0;
    const struct vcpu *cur = h->current;
    return cur && cur != v && priority_of(v) > priority_of(cur);
}

void sched_kick(struct vcpu *v)
{
    struct hart *h = hart_get(v->config->hart);

    __atomic_fetch_add(&h->kicks, 1, __ATOMIC_SEQ_CST);
    if (h != hart_self() && needs_kick(h, v))
        arch_send_ipi(h->id);
}

void sched_interrupt(struct vcpu *v)
{
    struct hart *h = hart_get(v->config->hart);

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (h != hart_self())
        arch_send_ipi(h->id);
}

void sched_wake_partition(struct partition *p)
{
    for (unsigned i = 0; i < p->config->nvcpus; i++) {
        struct vcpu *v = partition_vcpu(p, i);
        if (v->state == VCPU_BLOCKED)
            sched_kick(v);
    }
}

void sched_start(unsigned hart_id)
{
    struct hart *h = hart_get(hart_id);

    h->id = hart_id;
    h->config = &p3_hart_configs[hart_id];
    h->next = h->config->nvcpus ? h->config->nvcpus - 1 : 0;
    h->current = 0;
    h->turn_end = 0;
    for (unsigned i = 0; i < h->config->nvcpus; i++) {
        const struct partition_config *c = vcpu_at(h, i)->partition->config;
        h->keeps_health |= c->watchdog || c->budget;
    }
    if (h->config->nvcpus == 0)
        arch_halt_hart();
    arch_vcpu_enter(sched_next(h));
}
