/*
 * The architecture's part of a vCPU and of a partition's configuration, in
 * hypervisor mode: the guest's VS-level CSRs, kept here while another vCPU
 * owns the hart, and the G-stage translation root.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdint.h>

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

#endif /* ARCH_VCPU_H */
