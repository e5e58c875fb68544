/*
 * A virtual CPU: the registers of one partition's hart while it is not
 * running, and what the scheduler needs to know about it.
 */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <arch/regs.h>
#include <arch/vcpu.h>

struct partition;

enum vcpu_state {
    VCPU_RUNNABLE,   /* ready, or running on its hart */
    VCPU_DONE,       /* its partition exited or was stopped */
};

struct vcpu {
    struct arch_regs regs;   /* first: the trap entry saves registers here */
    struct arch_vcpu arch;
    struct partition *partition;
    enum vcpu_state state;
    unsigned hart;
};

#endif /* CORE_VCPU_H */
