/*
 * The per-hart scheduler. Each hart runs the partitions the spec assigns to
 * it, round robin, preempted by its timer at the end of each time slice.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include "vcpu.h"

/* Generated: the partitions a hart runs and its time slice. */
struct hart_config {
    unsigned npartitions;
    const uint8_t *partitions;   /* partition ids, in spec order */
    uint64_t quantum;            /* time slice, in timebase ticks */
};

/* A hart's scheduling state. It sits at the top of the hart's stack, with
 * `current` first, so the trap fast path finds the running vCPU from sp. */
struct hart {
    struct vcpu *current;
    unsigned id;
    unsigned next;               /* round-robin position in config->partitions */
    uint64_t slice_end;
    const struct hart_config *config;
};

extern const struct hart_config p3_hart_configs[];

struct hart *hart_self(void);
struct hart *hart_get(unsigned id);

/* Starts scheduling on this hart; never returns. */
__attribute__((noreturn)) void sched_start(unsigned hart_id);

/* Chooses what this hart runs next, after a trap. Returns the vCPU to enter;
 * idles inside while nothing can run; never returns when nothing ever will. */
struct vcpu *sched_next(struct hart *h);

/* Ends the current time slice (timer expiry or the guest yielded). */
void sched_preempt(struct hart *h);

/* Timer interrupt on this hart. */
void sched_timer(struct hart *h);

#endif /* CORE_SCHED_H */
