/*
 * Sizes of a hart's stack area, shared with the assembly that sets up sp:
 * the stack, then its struct hart (padded to HART_STATE_SIZE) on top.
 */
#ifndef CORE_SCHED_LAYOUT_H
#define CORE_SCHED_LAYOUT_H

#include <p3_config.h>

#define HART_STATE_SIZE 128
#define HART_AREA_SIZE (P3_HART_STACK_SIZE + HART_STATE_SIZE)

#endif /* CORE_SCHED_LAYOUT_H */
