/* SBI dispatch: find the extension by id; an unknown one is not supported. */
#include "sbi.h"

extern const struct sbi_extension sbi_base;

const struct sbi_extension *const sbi_extensions[] = {
    &sbi_base,
    0,
};

const struct sbi_extension *sbi_find(unsigned long eid)
{
    for (const struct sbi_extension *const *e = sbi_extensions; *e; e++)
        if ((*e)->eid == eid)
            return *e;
    return 0;
}

struct sbiret sbi_dispatch(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    const struct sbi_extension *e = sbi_find(eid);

    if (!e)
        return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
    return e->handle(v, fid, args);
}
