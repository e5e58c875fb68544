/*
 * A virtual CPU: the registers of one of a partition's harts while it is not
 * running, and what the scheduler needs to know about it. vCPUs live in one
 * array, p3_vcpus[], in the order the generator assigned their ids.
 */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>
#include <arch/regs.h>
#include <arch/vcpu.h>

struct partition;

enum vcpu_state {
    VCPU_OFF,        /* not started: a guest starts it through SBI HSM */
    VCPU_RUNNABLE,   /* ready, or running on its hart */
    VCPU_BLOCKED,    /* waiting: in p3_wait, or a guest's wfi */
    VCPU_DONE,       /* its partition exited or was stopped */
};

/* What a blocked vCPU waits for. */
enum wait_kind {
    WAIT_SOURCES,    /* p3_wait: sources in wait_mask, or wait_deadline */
    WAIT_INTERRUPT,  /* a guest's wfi: any virtual interrupt, or wait_deadline */
};

/* Generated: which partition a vCPU belongs to, and where it runs. */
struct vcpu_config {
    uint8_t partition;
    uint8_t index;           /* within the partition: the guest's hart id */
    uint8_t hart;
};

struct vcpu {
    struct arch_regs regs;   /* first: the trap entry saves registers here */
    struct arch_vcpu arch;
    struct partition *partition;
    const struct vcpu_config *config;
    volatile enum vcpu_state state;
    enum wait_kind wait_kind;
    uint32_t wait_mask;
    uint64_t wait_deadline;  /* timebase ticks; UINT64_MAX for none */
    uint64_t budget_used;    /* ticks run in the current period (priority schedules) */
    uint64_t period_start;   /* when that period began */
    volatile int on_cpu;     /* its registers are live on its hart (between dispatch and trap) */
};

extern const struct vcpu_config p3_vcpu_configs[];
extern struct vcpu p3_vcpus[];

#define NO_DEADLINE UINT64_MAX

#endif /* CORE_VCPU_H */
