/*
 * A stopped vCPU's saved registers, the same in both modes: what a finished
 * call returns into them, and the register dump of a fault report.
 */
#include <arch/regs.h>
#include "arch.h"
#include "console.h"
#include "vcpu.h"

void arch_vcpu_set_result(struct vcpu *v, long error, unsigned long value)
{
    v->regs.x[X_A0] = (unsigned long)error;
    v->regs.x[X_A1] = value;
}

static const char *const reg_names[32] = {
    "pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

#if __riscv_xlen == 64
#define REG "%016lx"
#else
#define REG "%08lx"
#endif

void arch_vcpu_dump(const struct vcpu *v)
{
    const unsigned long *x = v->regs.x;

    for (unsigned i = 0; i < 32; i += 4)
        log_block_line("  %-3s " REG "  %-3s " REG "  %-3s " REG "  %-3s " REG,
                       reg_names[i], x[i], reg_names[i + 1], x[i + 1],
                       reg_names[i + 2], x[i + 2], reg_names[i + 3], x[i + 3]);
}
