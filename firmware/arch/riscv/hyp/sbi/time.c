/* SBI Timer extension (EID "TIME"): one timer per vCPU (SBI spec ch. 6). */
#include <arch/guest.h>
#include "sbi.h"

static struct sbiret time_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    (void)eid;
    if (fid != 0)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    arch_vcpu_set_timer(v, args[0]);                 /* set_timer(stime_value) */
    return sbi_ok(0);
}

const struct sbi_extension sbi_time = { 0x54494d45, 0x54494d45, "time", time_handle };
