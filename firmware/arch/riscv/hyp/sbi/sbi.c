/* SBI dispatch: find the extension by id; an unknown one is not supported. */
#include "partition.h"
#include "sbi.h"

extern const struct sbi_extension sbi_base, sbi_time, sbi_ipi, sbi_rfence, sbi_hsm, sbi_srst, sbi_dbcn, sbi_legacy;

/* Every extension the hypervisor implements, in the order guests probe them. */
static const struct sbi_extension *const extensions[] = {
    &sbi_legacy, &sbi_base, &sbi_time, &sbi_ipi, &sbi_rfence, &sbi_hsm, &sbi_srst, &sbi_dbcn,
};

const struct sbi_extension *sbi_find(unsigned long eid)
{
    for (unsigned i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
        if (eid >= extensions[i]->eid && eid <= extensions[i]->eid_last)
            return extensions[i];
    return 0;
}

struct sbiret sbi_dispatch(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    const struct sbi_extension *e = sbi_find(eid);

    if (!e)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    return e->handle(v, eid, fid, args);
}

long sbi_for_each_hart(struct vcpu *v, unsigned long mask, unsigned long base, void (*each)(struct vcpu *target))
{
    struct partition *p = v->partition;
    unsigned n = p->config->nvcpus;

    if (base == (unsigned long)-1) {             /* all of the partition's harts */
        for (unsigned i = 0; i < n; i++)
            each(partition_vcpu(p, i));
        return SBI_SUCCESS;
    }
    for (unsigned bit = 0; bit < sizeof mask * 8; bit++)
        if ((mask >> bit & 1) && (base + bit >= n || base + bit < base))
            return SBI_ERR_INVALID_PARAM;
    for (unsigned bit = 0; bit < sizeof mask * 8; bit++)
        if (mask >> bit & 1)
            each(partition_vcpu(p, (unsigned)(base + bit)));
    return SBI_SUCCESS;
}
