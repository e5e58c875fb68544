/*
 * Partitions: their configuration (generated from the spec, const) and their
 * run-time state (here). One vCPU per partition.
 */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stddef.h>
#include <stdint.h>
#include "vcpu.h"
#include "console.h"

/* Access a partition has to one of its memory ranges. */
#define PERM_R 1u
#define PERM_W 2u
#define PERM_X 4u

/* A guest-physical range and the host memory behind it. */
struct mem_range {
    uintptr_t guest;
    uintptr_t host;
    size_t size;
    unsigned perms;
};

/* Generated from the spec: see the build folder's src/partitions.c. */
struct partition_config {
    const char *name;
    unsigned id;
    unsigned hart;
    uintptr_t entry;           /* guest-physical address of the first instruction */
    unsigned nranges;
    const struct mem_range *ranges;
    struct arch_partition_config arch;
};

enum partition_state {
    PARTITION_RUNNING,
    PARTITION_EXITED,          /* returned from main or called p3_exit */
    PARTITION_STOPPED,         /* stopped by its fault policy */
};

struct partition {
    const struct partition_config *config;
    struct vcpu vcpu;
    enum partition_state state;
    int exit_code;
    struct console_line line;
};

/* What went wrong, as the architecture decoded it from the trap. */
struct fault {
    unsigned long cause;
    const char *what;          /* the cause by name: "store guest-page fault" */
    uintptr_t pc;
    uintptr_t addr;            /* the address the guest used (0 when none) */
    uintptr_t guest_phys;      /* the guest-physical address, when known */
    int has_addr, has_guest_phys;
};

extern const struct partition_config p3_partition_configs[];
extern struct partition partitions[];

void partitions_init(void);
void partition_exit(struct partition *p, int code);
void partition_fault(struct vcpu *v, const struct fault *f);

/* Host pointer for `len` bytes at guest address `addr` that the partition
 * may access with `perms`, or 0 when any byte of it is not granted. */
void *guest_range(const struct partition *p, uintptr_t addr, size_t len, unsigned perms);

#endif /* CORE_PARTITION_H */
