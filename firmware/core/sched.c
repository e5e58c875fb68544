/*
 * Per-hart round-robin scheduling of the partitions the spec puts on each
 * hart. A vCPU keeps its hart until its time slice ends (timer interrupt),
 * it yields, or it stops; then the next runnable vCPU in spec order runs.
 */
#include <p3_config.h>
#include "arch.h"
#include "partition.h"
#include "sched.h"
#include "sched_layout.h"

/* A hart's stack with its scheduling state on top: sp starts at &hart
 * (arch/riscv/hs_entry.S computes it from the sizes in sched_layout.h). */
struct hart_area {
    unsigned char stack[P3_HART_STACK_SIZE];
    union {
        struct hart hart;
        unsigned char reserve[HART_STATE_SIZE];
    };
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct hart) <= HART_STATE_SIZE, "struct hart outgrew HART_STATE_SIZE");
_Static_assert(sizeof(struct hart_area) == HART_AREA_SIZE, "hart area layout must match sched_layout.h");

struct hart_area hart_areas[P3_NUM_HARTS];

struct hart *hart_get(unsigned id)
{
    return &hart_areas[id].hart;
}

struct hart *hart_self(void)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    return hart_get((unsigned)((sp - (uintptr_t)hart_areas) / sizeof(struct hart_area)));
}

static void start_slice(struct hart *h)
{
    h->slice_end = arch_time_now() + h->config->quantum;
    arch_timer_set(h->slice_end);
}

/* Makes `next` the running vCPU of this hart. */
static void switch_to(struct hart *h, struct vcpu *next)
{
    if (h->current != next) {
        arch_vcpu_switch(h->current, next);
        next->regs.hart_sp = (uintptr_t)h;
        h->current = next;
    }
    start_slice(h);
}

/* The next runnable vCPU after the current one, round robin; 0 if none. */
static struct vcpu *pick(struct hart *h)
{
    const struct hart_config *c = h->config;

    for (unsigned step = 1; step <= c->npartitions; step++) {
        unsigned slot = (h->next + step) % c->npartitions;
        struct vcpu *v = &partitions[c->partitions[slot]].vcpu;
        if (v->state == VCPU_RUNNABLE) {
            h->next = slot;
            return v;
        }
    }
    return 0;
}

static int has_live_vcpus(const struct hart *h)
{
    for (unsigned i = 0; i < h->config->npartitions; i++)
        if (partitions[h->config->partitions[i]].vcpu.state != VCPU_DONE)
            return 1;
    return 0;
}

struct vcpu *sched_next(struct hart *h)
{
    struct vcpu *cur = h->current;

    if (cur && cur->state == VCPU_RUNNABLE && arch_time_now() < h->slice_end)
        return cur;
    for (;;) {
        struct vcpu *next = pick(h);
        if (next) {
            switch_to(h, next);
            return next;
        }
        if (!has_live_vcpus(h))
            arch_halt_hart();   /* this hart's partitions are all done */
        arch_wait_for_interrupt();
        arch_ipi_take();
    }
}

void sched_preempt(struct hart *h)
{
    h->slice_end = 0;
}

void sched_timer(struct hart *h)
{
    /* a slice ended: let sched_next() pick again */
    if (arch_time_now() >= h->slice_end)
        sched_preempt(h);
    else
        arch_timer_set(h->slice_end);
}

void sched_start(unsigned hart_id)
{
    struct hart *h = hart_get(hart_id);

    h->id = hart_id;
    h->config = &p3_hart_configs[h->id];
    h->next = h->config->npartitions ? h->config->npartitions - 1 : 0;
    h->current = 0;
    if (h->config->npartitions == 0)
        arch_halt_hart();
    arch_vcpu_enter(sched_next(h));
}
