/*
 * SBI Hart State Management (EID "HSM"): a guest starts and stops its own
 * vCPUs (SBI spec ch. 9). Suspend is retentive only: the vCPU sleeps until a
 * virtual interrupt, as in wfi.
 */
#include "arch.h"
#include <arch/guest.h>
#include "console.h"
#include "partition.h"
#include "sbi.h"
#include "sched.h"

#define HSM_STARTED   0
#define HSM_STOPPED   1
#define HSM_SUSPENDED 4
#define HSM_SUSPEND_RETENTIVE 0

static struct sbiret hart_start(struct vcpu *v, unsigned long hartid, unsigned long start, unsigned long opaque)
{
    struct partition *p = v->partition;

    if (hartid >= p->config->nvcpus)
        return sbi_error(SBI_ERR_INVALID_PARAM);
    struct vcpu *target = partition_vcpu(p, (unsigned)hartid);
    if (target->state != VCPU_OFF)
        return sbi_error(SBI_ERR_ALREADY_AVAILABLE);
    if (!guest_range(p, start, 4, PERM_X) && !arch_vcpu_paging(v))
        return sbi_error(SBI_ERR_INVALID_ADDRESS);
    arch_vcpu_reset(target, start, opaque);
    __atomic_store_n(&target->state, VCPU_RUNNABLE, __ATOMIC_RELEASE);
    sched_kick(target);
    return sbi_ok(0);
}

static struct sbiret hart_status(struct vcpu *v, unsigned long hartid)
{
    if (hartid >= v->partition->config->nvcpus)
        return sbi_error(SBI_ERR_INVALID_PARAM);
    switch (partition_vcpu(v->partition, (unsigned)hartid)->state) {
    case VCPU_RUNNABLE: return sbi_ok(HSM_STARTED);
    case VCPU_BLOCKED: return sbi_ok(HSM_SUSPENDED);
    default: return sbi_ok(HSM_STOPPED);
    }
}

/* Whether any of its vCPUs is started: runnable, running or waiting. */
static int has_started_vcpus(const struct partition *p)
{
    for (unsigned i = 0; i < p->config->nvcpus; i++) {
        enum vcpu_state s = partition_vcpu(p, i)->state;
        if (s == VCPU_RUNNABLE || s == VCPU_BLOCKED)
            return 1;
    }
    return 0;
}

static struct sbiret hsm_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    (void)eid;
    switch (fid) {
    case 0:
        return hart_start(v, args[0], args[1], args[2]);
    case 1:                                          /* hart_stop: the caller */
        v->state = VCPU_OFF;
        /* Its last started hart stopping leaves no one to start another:
         * the partition is over, as if it had shut down. */
        if (!has_started_vcpus(v->partition)) {
            log_line("partition %s stopped its last hart", v->partition->config->name);
            partition_exit(v->partition, 0);
        }
        return sbi_ok(0);
    case 2:
        return hart_status(v, args[0]);
    case 3:                                          /* hart_suspend */
        if ((uint32_t)args[0] != HSM_SUSPEND_RETENTIVE)
            return sbi_error(SBI_ERR_NOT_SUPPORTED);
        sched_block(v, WAIT_INTERRUPT, 0, NO_DEADLINE);
        return sbi_ok(0);
    default:
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    }
}

const struct sbi_extension sbi_hsm = { 0x48534d, 0x48534d, "hsm", hsm_handle };
