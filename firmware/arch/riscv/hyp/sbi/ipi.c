/* SBI IPI extension (EID "sPI"): software interrupts between a partition's own vCPUs. */
#include <arch/guest.h>
#include "sbi.h"

static struct sbiret ipi_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    (void)eid;
    if (fid != 0)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    long error = sbi_for_each_hart(v, args[0], args[1], arch_vcpu_send_soft_interrupt);   /* send_ipi */
    return sbi_error(error);
}

const struct sbi_extension sbi_ipi = { 0x735049, 0x735049, "ipi", ipi_handle };
