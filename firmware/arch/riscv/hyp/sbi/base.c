/* SBI Base extension (EID 0x10): versions and probing (SBI spec v2.0, ch. 4). */
#include "sbi.h"

#define SBI_SPEC_VERSION_2_0 ((2UL << 24) | 0)
/* Implementation id: not one of the registered ones (OpenSBI is 1, Bao 7). */
#define SBI_IMPL_ID_PHASE3 0x5033
#define SBI_IMPL_VERSION 1

static struct sbiret base_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    (void)v;
    (void)eid;
    switch (fid) {
    case 0: return sbi_ok(SBI_SPEC_VERSION_2_0);
    case 1: return sbi_ok(SBI_IMPL_ID_PHASE3);
    case 2: return sbi_ok(SBI_IMPL_VERSION);
    case 3: return sbi_ok(sbi_find(args[0]) != 0);   /* probe_extension */
    case 4:                                           /* mvendorid, marchid, mimpid: */
    case 5:                                           /* a virtual hart has none */
    case 6: return sbi_ok(0);
    default: return sbi_error(SBI_ERR_NOT_SUPPORTED);
    }
}

const struct sbi_extension sbi_base = { 0x10, 0x10, "base", base_handle };
