/*
 * SBI System Reset (EID "SRST"): a guest's "system" is its partition.
 * Shutdown ends the partition (reason 0: exit code 0, otherwise 1); a reboot
 * restarts it from its pristine image when it has one (a restart policy),
 * and otherwise ends it.
 */
#include "console.h"
#include "partition.h"
#include "sbi.h"

#define SRST_SHUTDOWN     0
#define SRST_COLD_REBOOT  1
#define SRST_WARM_REBOOT  2

static struct sbiret srst_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    struct partition *p = v->partition;
    uint32_t type = (uint32_t)args[0], reason = (uint32_t)args[1];

    (void)eid;
    if (fid != 0)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    if (type > SRST_WARM_REBOOT)
        return sbi_error(SBI_ERR_INVALID_PARAM);
    if (type != SRST_SHUTDOWN && p->config->nsegments) {
        log_line("partition %s reboots", p->config->name);
        partition_restart(p);
    } else {
        if (type != SRST_SHUTDOWN)
            log_line("partition %s asked to reboot but keeps no pristine image (give it a restart policy)", p->config->name);
        partition_exit(p, reason == 0 ? 0 : 1);
    }
    return sbi_ok(0);
}

const struct sbi_extension sbi_srst = { 0x53525354, 0x53525354, "srst", srst_handle };
