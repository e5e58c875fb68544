/*
 * Partition lifecycle: start, exit, fault. And the system's exit status,
 * decided when the last partition stops (the codes are sim/exit.ts's):
 *
 *   0                       every partition returned 0
 *   1..P3_STATUS_MAX_EXIT   the first partition (in spec order) that returned
 *                           non-zero returned this (larger codes: the maximum)
 *   P3_STATUS_FAULTED       a partition was stopped by a fault
 */
#include <p3_config.h>
#include "arch.h"
#include "console.h"
#include "partition.h"
#include "platform.h"

struct partition partitions[P3_NUM_PARTITIONS];
static unsigned partitions_running;

void partitions_init(void)
{
    for (unsigned i = 0; i < P3_NUM_PARTITIONS; i++) {
        struct partition *p = &partitions[i];
        p->config = &p3_partition_configs[i];
        p->state = PARTITION_RUNNING;
        p->vcpu.partition = p;
        p->vcpu.hart = p->config->hart;
        p->vcpu.state = VCPU_RUNNABLE;
        arch_vcpu_reset(&p->vcpu, p->config);
    }
    partitions_running = P3_NUM_PARTITIONS;
}

static int system_status(void)
{
    for (unsigned i = 0; i < P3_NUM_PARTITIONS; i++)
        if (partitions[i].state == PARTITION_STOPPED)
            return P3_STATUS_FAULTED;
    for (unsigned i = 0; i < P3_NUM_PARTITIONS; i++) {
        int code = partitions[i].exit_code;
        if (code != 0)
            return code >= 1 && code <= P3_STATUS_MAX_EXIT ? code : P3_STATUS_MAX_EXIT;
    }
    return 0;
}

/* The partition will not run again; the last one to stop ends the system. */
static void partition_done(struct partition *p)
{
    p->vcpu.state = VCPU_DONE;
    console_partition_flush(p);
    if (__atomic_sub_fetch(&partitions_running, 1, __ATOMIC_ACQ_REL) == 0) {
        int status = system_status();
        log_line("all partitions have stopped: system status %d", status);
        platform_exit(status);
    }
}

void partition_exit(struct partition *p, int code)
{
    p->state = PARTITION_EXITED;
    p->exit_code = code;
    console_partition_flush(p);
    log_line("partition %s exited with code %d", p->config->name, code);
    partition_done(p);
}

void partition_fault(struct vcpu *v, const struct fault *f)
{
    struct partition *p = v->partition;

    console_partition_flush(p);
    log_block_begin();
    log_block_line("fault in partition %s: %s", p->config->name, f->what);
    if (f->has_guest_phys)
        log_block_line("  pc %016lx  address %016lx  guest-physical %016lx",
                       (unsigned long)f->pc, (unsigned long)f->addr, (unsigned long)f->guest_phys);
    else if (f->has_addr)
        log_block_line("  pc %016lx  address %016lx", (unsigned long)f->pc, (unsigned long)f->addr);
    else
        log_block_line("  pc %016lx", (unsigned long)f->pc);
    arch_vcpu_dump(v);
    log_block_line("partition %s stopped (policy: stop)", p->config->name);
    log_block_end();
    p->state = PARTITION_STOPPED;
    partition_done(p);
}

void *guest_range(const struct partition *p, uintptr_t addr, size_t len, unsigned perms)
{
    const struct partition_config *c = p->config;

    for (unsigned i = 0; i < c->nranges; i++) {
        const struct mem_range *r = &c->ranges[i];
        /* written so that no sum can wrap around the address space */
        if (addr >= r->guest && addr - r->guest < r->size && len <= r->size - (addr - r->guest)) {
            if ((r->perms & perms) != perms)
                return 0;
            return (void *)(r->host + (addr - r->guest));
        }
    }
    return 0;
}
