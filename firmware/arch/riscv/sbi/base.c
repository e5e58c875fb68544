/* SBI Base extension (EID 0x10): versions and probing (SBI spec v2.0, ch. 4). */
#include "sbi.h"

#define SBI_EXT_BASE 0x10
#define SBI_SPEC_VERSION_2_0 ((2UL << 24) | 0)
/* Implementation id: not one of the registered ones (OpenSBI is 1, Bao 7). */
#define SBI_IMPL_ID_PHASE3 0x5033
#define SBI_IMPL_VERSION 1

static struct sbiret base_handle(struct vcpu *v, unsigned long fid, const unsigned long *args)
{
    (void)v;
    switch (fid) {
    case 0: return (struct sbiret){ SBI_SUCCESS, SBI_SPEC_VERSION_2_0 };
    case 1: return (struct sbiret){ SBI_SUCCESS, SBI_IMPL_ID_PHASE3 };
    case 2: return (struct sbiret){ SBI_SUCCESS, SBI_IMPL_VERSION };
    case 3: return (struct sbiret){ SBI_SUCCESS, sbi_find(args[0]) != 0 };
    case 4: /* mvendorid */
    case 5: /* marchid */
    case 6: /* mimpid */
        return (struct sbiret){ SBI_SUCCESS, 0 };
    default:
        return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
    }
}

const struct sbi_extension sbi_base = { SBI_EXT_BASE, "base", base_handle };
