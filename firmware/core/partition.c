/*
 * Partition lifecycle: start, exit, fault and its policy, restart. And the
 * system's exit status, decided when the last partition stops (the codes are
 * sim/exit.ts's, emitted into p3_config.h):
 *
 *   0                       every partition returned 0
 *   1..P3_STATUS_MAX_EXIT   the first partition (in spec order) that returned
 *                           non-zero returned this (larger codes: the maximum)
 *   P3_STATUS_FAULTED       a partition was stopped by a fault
 *   P3_STATUS_PANIC         a partition's `halt` policy stopped the system
 */
#include <p3_config.h>
#include <libc/string.h>
#include "arch.h"
#include "channel.h"
#include "console.h"
#include "partition.h"
#include "platform.h"
#include "sched.h"
#include "trace.h"

struct partition partitions[P3_NUM_PARTITIONS];
struct vcpu p3_vcpus[P3_NUM_VCPUS];
static unsigned partitions_running;
static unsigned restarts_pending;

int partitions_restarting(void)
{
    return __atomic_load_n(&restarts_pending, __ATOMIC_ACQUIRE) != 0;
}

/* vCPU 0 starts at the entry point; the others wait for SBI HSM. */
static void reset_vcpus(struct partition *p, uint64_t now)
{
    for (unsigned i = 0; i < p->config->nvcpus; i++) {
        struct vcpu *v = partition_vcpu(p, i);
        v->partition = p;
        v->config = &p3_vcpu_configs[p->config->first_vcpu + i];
        v->budget_used = 0;
        v->period_start = now;
        arch_vcpu_reset(v, p->config->entry, p->config->boot_arg);
        v->state = i == 0 ? VCPU_RUNNABLE : VCPU_OFF;
    }
    p->notified = 0;
    p->irq_pending = 0;
    p->watchdog_deadline = now + p->config->watchdog;
}

void partitions_init(uint64_t now)
{
    for (unsigned i = 0; i < P3_NUM_PARTITIONS; i++) {
        struct partition *p = &partitions[i];
        p->config = &p3_partition_configs[i];
        p->state = PARTITION_RUNNING;
        reset_vcpus(p, now);
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

/* Takes every vCPU of p off its hart: they will not run again until reset. */
static void stop_vcpus(struct partition *p, enum vcpu_state state)
{
    for (unsigned i = 0; i < p->config->nvcpus; i++) {
        struct vcpu *v = partition_vcpu(p, i);
        v->state = state;
        sched_kick(v);
    }
}

/* Takes a running partition into `to`. Two vCPUs of one partition, on two
 * harts, may exit or fault at the same moment: only the first one in acts,
 * so a partition never stops twice (and never ends the system early). */
static int leave_running(struct partition *p, enum partition_state to)
{
    enum partition_state running = PARTITION_RUNNING;

    return __atomic_compare_exchange_n(&p->state, &running, to, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* The partition will not run again; the last one to stop ends the system. */
static void partition_done(struct partition *p, enum partition_state state)
{
    __atomic_store_n(&p->state, state, __ATOMIC_RELEASE);
    trace_done(p);
    stop_vcpus(p, VCPU_DONE);
    console_partition_flush(p);
    if (__atomic_sub_fetch(&partitions_running, 1, __ATOMIC_ACQ_REL) == 0) {
        int status = system_status();
        log_line("all partitions have stopped: system status %d", status);
        platform_exit(status);
    }
}

void partition_exit(struct partition *p, int code)
{
    if (!leave_running(p, PARTITION_EXITED))
        return;   /* it is stopping already: another of its vCPUs exited or faulted */
    p->exit_code = code;
    console_partition_flush(p);
    log_line("partition %s exited with code %d", p->config->name, code);
    partition_done(p, PARTITION_EXITED);
}

/* For a partition this hart took into PARTITION_STOPPING: its vCPUs are
 * off before partitions_finish_restarts() can see it restarting, and their
 * harts are kicked after, so that the one that finishes it looks again. */
static void begin_restart(struct partition *p)
{
    for (unsigned i = 0; i < p->config->nvcpus; i++)
        partition_vcpu(p, i)->state = VCPU_OFF;
    __atomic_fetch_add(&restarts_pending, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&p->state, PARTITION_RESTARTING, __ATOMIC_RELEASE);
    stop_vcpus(p, VCPU_OFF);
}

void partition_restart(struct partition *p)
{
    if (leave_running(p, PARTITION_STOPPING))
        begin_restart(p);
}

void partitions_finish_restarts(struct hart *h)
{
    for (unsigned i = 0; i < h->config->nvcpus; i++) {
        struct vcpu *first = &p3_vcpus[h->config->vcpus[i]];
        struct partition *p = first->partition;
        if (first->config->index != 0 || p->state != PARTITION_RESTARTING)
            continue;
        int idle = 1;
        for (unsigned j = 0; j < p->config->nvcpus; j++) {
            struct vcpu *v = partition_vcpu(p, j);
            struct hart *on = hart_get(v->config->hart);
            if (on != h && on->current == v && on->in_guest)
                idle = 0;
        }
        if (!idle)
            continue;   /* another hart still runs one of its vCPUs */
        const struct partition_config *c = p->config;
        memset((void *)c->ram_host, 0, c->ram_size);
        for (unsigned s = 0; s < c->nsegments; s++)
            memcpy((void *)c->segments[s].dest, c->segments[s].pristine, c->segments[s].size);
        arch_vcpu_memory_reloaded(p);
        for (unsigned ch = 0; ch < P3_NUM_CHANNELS; ch++)
            channel_reset_end(ch, c->id);
        console_partition_flush(p);
        p->line.len = 0;
        reset_vcpus(p, arch_time_now());
        p->state = PARTITION_RUNNING;
        trace_restart(p);
        __atomic_fetch_sub(&restarts_pending, 1, __ATOMIC_ACQ_REL);
        log_line("partition %s restarted (%u of %u)", c->name, p->restarts, c->max_restarts);
        sched_kick(first);
    }
}

static const char *apply_policy(struct partition *p)
{
    const struct partition_config *c = p->config;

    switch (c->on_fault) {
    case FAULT_HALT:
        return "halt";
    case FAULT_RESTART:
        if (c->restartable && p->restarts < c->max_restarts)
            return "restart";
        return "stop";
    default:
        return "stop";
    }
}

void partition_fault(struct partition *p, struct vcpu *v, const struct fault *f)
{
    const struct partition_config *c = p->config;
    const char *action = apply_policy(p);

    if (!leave_running(p, PARTITION_STOPPING))
        return;   /* a second vCPU faulting (or exiting) while the first is handled */
    p->faults++;
    trace_fault(p, v, f);
    console_partition_flush(p);
    log_block_begin();
    log_block_line("fault in partition %s: %s", c->name, f->what);
    if (f->has_guest_phys)
        log_block_line("  pc %016lx  address %016lx  guest-physical %016lx",
                       (unsigned long)f->pc, (unsigned long)f->addr, (unsigned long)f->guest_phys);
    else if (f->has_addr)
        log_block_line("  pc %016lx  address %016lx", (unsigned long)f->pc, (unsigned long)f->addr);
    else if (f->has_insn)
        log_block_line("  pc %016lx  instruction %08lx", (unsigned long)f->pc, f->insn);
    else
        log_block_line("  pc %016lx", (unsigned long)f->pc);
    if (v)
        arch_vcpu_dump(v);
    if (action[0] == 'r')
        log_block_line("partition %s restarting (policy: restart, %u of %u)", c->name, p->restarts + 1, c->max_restarts);
    else if (action[0] == 'h')
        log_block_line("partition %s halts the system (policy: halt)", c->name);
    else
        log_block_line("partition %s stopped (policy: %s)", c->name,
                       c->on_fault == FAULT_RESTART ? "restart, no restarts left" : "stop");
    log_block_end();

    if (action[0] == 'r') {
        p->restarts++;
        begin_restart(p);
    } else if (action[0] == 'h') {
        log_line("system halted: status %d", P3_STATUS_PANIC);
        platform_exit(P3_STATUS_PANIC);
    } else {
        partition_done(p, PARTITION_STOPPED);
    }
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
