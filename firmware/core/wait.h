/*
 * Waiting: what makes a partition's wait sources ready, and how a blocked
 * vCPU's wait ends. Other harts signal a partition by setting bits in its
 * `notified` or `irq_pending` words (atomically) and kicking the harts of its
 * blocked vCPUs; only a vCPU's own hart ends its wait.
 */
#ifndef CORE_WAIT_H
#define CORE_WAIT_H

#include <stdint.h>

struct partition;
struct vcpu;

/* Which of the sources in `mask` are ready now. */
uint32_t wait_ready_sources(struct partition *p, uint32_t mask);

/* Ends v's wait if it is over (a source is ready, the deadline passed, or for
 * a guest's wfi an interrupt is pending); returns whether it did. */
int wait_try_finish(struct vcpu *v, uint64_t now);

/* Marks sources of `p` as notified / interrupt-pending, and wakes it. */
void wait_notify(struct partition *p, uint32_t sources);
void wait_raise_irq(struct partition *p, uint32_t sources);

#endif /* CORE_WAIT_H */
