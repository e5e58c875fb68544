/*
 * The architecture's part of a vCPU and of a partition's configuration.
 *
 * Hypervisor mode: the guest's VS-level CSRs, kept here while another vCPU
 * owns the hart, and the G-stage translation root.
 * Microkernel mode: nothing per vCPU (a U-mode app has no CSR state of its
 * own), and per partition the PMP entries that confine it.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdint.h>
#include <p3_config.h>

#if P3_MODE_HYPERVISOR

/* Guest CSR state that is swapped when a hart changes vCPU. */
struct arch_vcpu {
    unsigned long vsstatus;
    unsigned long vsie;
    unsigned long vstvec;
    unsigned long vsscratch;
    unsigned long vsepc;
    unsigned long vscause;
    unsigned long vstval;
    unsigned long vsatp;
    unsigned long hvip;
    uint64_t vstimecmp;
    uint32_t requests;          /* REQUEST_* from other harts (arch/guest.h), atomic */
};

/* Generated per partition (see the build folder's src/partitions.c). */
struct arch_partition_config {
    /* hgatp value: Sv39x4 mode, the partition's VMID and its root table. */
    uint64_t hgatp;
    /* Exceptions the guest handles itself. 0 for Phase3 apps: every fault of
     * theirs reaches the hypervisor and its fault policy. */
    unsigned long hedeleg;
};

#else /* P3_MODE_MICROKERNEL */

struct arch_vcpu {
    /* empty: everything of a U-mode vCPU is in its saved registers */
};

/* pmpcfg registers that hold P3_PMP_ENTRIES entries: 8 per register on RV64
 * (pmpcfg0, pmpcfg2), 4 on RV32 (pmpcfg0..3). */
#define PMP_ENTRIES_PER_CFG (__riscv_xlen / 8)
#define PMP_CFG_REGS ((P3_PMP_ENTRIES + PMP_ENTRIES_PER_CFG - 1) / PMP_ENTRIES_PER_CFG)

/* Generated per partition (see the build folder's src/partitions.c): its PMP
 * entries, computed by the generator, loaded whenever one of its vCPUs runs. */
struct arch_partition_config {
    unsigned long pmpcfg[PMP_CFG_REGS];    /* packed cfg bytes, unused entries OFF */
    unsigned long pmpaddr[P3_PMP_ENTRIES];
    unsigned pmp_used;                     /* entries 0 .. pmp_used-1 are its own */
};

#endif

#endif /* ARCH_VCPU_H */
