/*
 * Partitions: their configuration (generated from the spec, const) and their
 * run-time state (here).
 */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stddef.h>
#include <stdint.h>
#include "console.h"
#include "vcpu.h"
#include "vuart.h"

/* Access a partition has to one of its memory ranges. */
#define PERM_R 1u
#define PERM_W 2u
#define PERM_X 4u

/* A guest-physical range and the host memory behind it: the memory a call
 * may name (RAM, shared regions, channel buffers), never a device window. */
struct mem_range {
    uintptr_t guest;
    uintptr_t host;
    size_t size;
    unsigned perms;
};

enum partition_kind {
    PARTITION_APP,     /* a Phase3 app: every trap of its is the hypervisor's */
    PARTITION_GUEST,   /* an unmodified S-mode guest: SBI, its own trap handlers */
};

/* A wait source of a partition: what its bit in p3_wait's mask means. */
enum source_kind {
    SOURCE_CHANNEL_TX,   /* a channel it sends on: ready when the receiver notified */
    SOURCE_CHANNEL_RX,   /* a channel it receives on: ready with a message, or notified */
    SOURCE_IRQ,          /* a device interrupt: ready while pending */
    SOURCE_CONSOLE,      /* console input: ready while bytes wait */
};

struct source_config {
    uint8_t kind;
    uint8_t index;       /* channel id, or interrupt line */
};

enum fault_policy {
    FAULT_STOP,
    FAULT_RESTART,
    FAULT_HALT,
};

/* Part of a partition's initial memory, and where its pristine copy is kept. */
struct load_segment {
    const void *pristine;       /* host address of the copy in the firmware image */
    uintptr_t dest;             /* host address in the partition's RAM */
    size_t size;
};

/* Generated from the spec: see the build folder's src/partitions.c. */
struct partition_config {
    const char *name;
    unsigned id;
    enum partition_kind kind;
    unsigned first_vcpu;        /* its vCPUs are p3_vcpus[first_vcpu ..] */
    unsigned nvcpus;
    uintptr_t entry;            /* guest-physical address of the first instruction */
    uintptr_t boot_arg;         /* a1 at entry: the guest-physical address of its device tree */
    unsigned nranges;
    const struct mem_range *ranges;
    unsigned nsources;
    const struct source_config *sources;
    uint32_t data_sources;      /* the sources ready by state, not by event: receive ends, console input */
    enum fault_policy on_fault;
    unsigned max_restarts;
    uint64_t watchdog;          /* ticks; 0 when none */
    unsigned priority;
    uint64_t budget, period;    /* ticks; 0 when unbounded */
    /* What a restart puts back: its RAM is cleared, then each segment
     * (image, device tree) copied from its pristine copy; none where its
     * image runs from flash. Not restartable: a restart policy stops it. */
    unsigned restartable;
    unsigned nsegments;
    const struct load_segment *segments;
    uintptr_t ram_host;
    size_t ram_size;
    struct arch_partition_config arch;
};

enum partition_state {
    PARTITION_RUNNING,
    PARTITION_STOPPING,        /* a fault (its report being printed) or a reboot is stopping it */
    PARTITION_RESTARTING,      /* its vCPUs are stopping; then its memory is reloaded */
    PARTITION_EXITED,          /* returned from main or called p3_exit */
    PARTITION_STOPPED,         /* stopped by its fault policy */
};

struct partition {
    const struct partition_config *config;
    enum partition_state state;
    int exit_code;
    unsigned faults;
    unsigned restarts;
    uint32_t notified;          /* sources a peer notified, not yet seen by p3_wait */
    uint32_t irq_pending;       /* interrupt sources fired, not yet acknowledged */
    uint64_t watchdog_deadline; /* ticks */
    struct console_line line;
    struct vuart vuart;         /* a guest's virtual console */
};

/* What went wrong, as the architecture decoded it from the trap. */
struct fault {
    unsigned long cause;
    const char *what;          /* the cause by name: "store guest-page fault" */
    uintptr_t pc;
    uintptr_t addr;            /* the address the guest used */
    uintptr_t guest_phys;      /* the guest-physical address, when known */
    unsigned long insn;        /* the offending instruction's bits, when known */
    int has_addr, has_guest_phys, has_insn;
};

extern const struct partition_config p3_partition_configs[];
extern struct partition partitions[];

struct hart;

void partitions_init(uint64_t now);
void partition_exit(struct partition *p, int code);
/* Starts again from the pristine image (a restart policy, or a guest's SBI
 * system reset). Completes on the hart of its first vCPU, in sched_next(). */
void partition_restart(struct partition *p);
/* Completes restarts whose vCPUs have all left their harts. */
void partitions_finish_restarts(struct hart *h);
/* Whether any partition is waiting to finish a restart. */
int partitions_restarting(void);
/* Applies the partition's fault policy after reporting the fault, with the
 * registers of `v` (0: no register dump). */
void partition_fault(struct partition *p, struct vcpu *v, const struct fault *f);

/* The vCPUs of a partition. */
static inline struct vcpu *partition_vcpu(const struct partition *p, unsigned index)
{
    return &p3_vcpus[p->config->first_vcpu + index];
}

/* Host pointer for `len` (> 0) bytes at guest address `addr` that the
 * partition may access with `perms`, or 0 when any byte of it is not granted. */
void *guest_range(const struct partition *p, uintptr_t addr, size_t len, unsigned perms);

#endif /* CORE_PARTITION_H */
