/*
 * The per-hart scheduler. Each hart runs the vCPUs the spec puts on it under
 * its schedule: round robin (the default), a major frame of fixed windows
 * (ARINC 653), or fixed priorities with budgets. Every decision happens in
 * sched_next(), after a trap or while the hart idles.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <p3_config.h>
#include "sched_layout.h"
#include "vcpu.h"

enum sched_policy {
    SCHED_ROUND_ROBIN,
    SCHED_FRAME,
    SCHED_PRIORITY,
};

#define WINDOW_IDLE 0xffff

/* Generated: one window of a major frame. */
struct sched_window {
    uint16_t vcpu;               /* a vCPU id, or WINDOW_IDLE */
    uint64_t start;              /* ticks from the frame's start */
    uint64_t end;
};

/* Generated: the vCPUs a hart runs and how it shares its time. */
struct hart_config {
    enum sched_policy policy;
    unsigned nvcpus;
    const uint16_t *vcpus;       /* vCPU ids, in spec order */
    uint64_t slice;              /* round robin: ticks per turn */
    uint64_t major_frame;        /* frame: ticks */
    unsigned nwindows;
    const struct sched_window *windows;
};

/* A hart's scheduling state. It sits at the top of the hart's stack, with
 * `current` first, so the trap fast path finds the running vCPU from sp. */
struct hart {
    struct vcpu *current;
    unsigned id;
    const struct hart_config *config;
    volatile int idle;           /* in wfi: a waker must send an IPI */
    volatile unsigned kicks;     /* bumped by every waker: the idle loop re-checks when it moved */
    int keeps_health;            /* some vCPU here has a watchdog or a budget */
    uint64_t timer;              /* what the timer is set to */
    volatile int in_guest;       /* current's registers are live (it runs, or is in a fast call) */
    unsigned next;               /* round robin: position in config->vcpus */
    uint64_t turn_end;           /* end of the current turn or window */
    uint64_t dispatched;         /* when current last started running */
    uint64_t period_start;       /* priority: when budgets last renewed */
};

extern const struct hart_config p3_hart_configs[];

/* A hart's stack with its scheduling state on top: sp starts at &hart
 * (arch/riscv/hyp/hs_entry.S computes it from the sizes in sched_layout.h). */
struct hart_area {
    unsigned char stack[P3_HART_STACK_SIZE];
    union {
        struct hart hart;
        unsigned char reserve[HART_STATE_SIZE];
    };
} __attribute__((aligned(16)));

extern struct hart_area hart_areas[];

static inline struct hart *hart_get(unsigned id)
{
    return &hart_areas[id].hart;
}

/* The hart this code runs on (found from the stack pointer). */
static inline struct hart *hart_self(void)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    return hart_get((unsigned)((sp - (uintptr_t)hart_areas) / sizeof(struct hart_area)));
}

/* The time every hart's frame is counted from: set once by the boot hart. */
void sched_set_epoch(uint64_t ticks);

/* Starts scheduling on this hart; never returns. */
__attribute__((noreturn)) void sched_start(unsigned hart_id);

/* Chooses what this hart runs next, after a trap. Returns the vCPU to enter;
 * idles inside while nothing can run; stops the hart when nothing ever will. */
struct vcpu *sched_next(struct hart *h);

/* The running vCPU gives up the rest of its turn. */
void sched_yield(struct hart *h);

/* Blocks the running vCPU until `ready_now` says so or the deadline passes
 * (see vcpu.h); sched_next() completes the wait. */
void sched_block(struct vcpu *v, enum wait_kind kind, uint32_t mask, uint64_t deadline);

/* Something a blocked vCPU of `p` may wait for happened: its harts re-check. */
void sched_wake_partition(struct partition *p);

/* A vCPU left VCPU_OFF (SBI HSM hart_start): its hart should look at it. */
void sched_kick(struct vcpu *v);

/* Something must reach v now (a virtual interrupt): interrupt its hart
 * unless that is this one. */
void sched_interrupt(struct vcpu *v);

#endif /* CORE_SCHED_H */
