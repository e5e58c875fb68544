/*
 * SBI RFENCE extension (EID "RFNC"): fences on a partition's other vCPUs.
 * Each target fences before it next runs guest code (it is flagged and
 * kicked); a guest is not a hypervisor, so the hfence variants are not
 * supported.
 */
#include <arch/guest.h>
#include "sbi.h"

#define RFENCE_FENCE_I          0
#define RFENCE_SFENCE_VMA       1
#define RFENCE_SFENCE_VMA_ASID  2

static struct sbiret rfence_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    (void)eid;
    if (fid > RFENCE_SFENCE_VMA_ASID)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    return sbi_error(sbi_for_each_hart(v, args[0], args[1], arch_vcpu_request_fence));
}

const struct sbi_extension sbi_rfence = { 0x52464e43, 0x52464e43, "rfence", rfence_handle };
