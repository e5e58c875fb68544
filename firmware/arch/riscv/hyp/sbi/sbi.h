/*
 * SBI for guests: the calls an unmodified S-mode guest makes to its
 * firmware, answered by the hypervisor. One file per extension, each a
 * small struct with a handler (OpenSBI's shape). Hart ids in SBI calls are
 * the guest's own: the index of a vCPU within its partition.
 */
#ifndef ARCH_SBI_H
#define ARCH_SBI_H

struct vcpu;

#define SBI_SUCCESS               0
#define SBI_ERR_FAILED           -1
#define SBI_ERR_NOT_SUPPORTED    -2
#define SBI_ERR_INVALID_PARAM    -3
#define SBI_ERR_DENIED           -4
#define SBI_ERR_INVALID_ADDRESS  -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED  -7
#define SBI_ERR_ALREADY_STOPPED  -8

struct sbiret {
    long error;
    unsigned long value;
};

struct sbi_extension {
    unsigned long eid;
    unsigned long eid_last;     /* a range, for the legacy extensions 0x00-0x0f */
    const char *name;
    /* args[0..5] are a0..a5 of the call */
    struct sbiret (*handle)(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args);
};

const struct sbi_extension *sbi_find(unsigned long eid);
struct sbiret sbi_dispatch(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args);

/* The vCPUs of v's partition a (hart_mask, hart_mask_base) pair names, one
 * at a time: calls `each` for every one; returns SBI_ERR_INVALID_PARAM when
 * the mask names a hart the partition does not have. */
long sbi_for_each_hart(struct vcpu *v, unsigned long mask, unsigned long base, void (*each)(struct vcpu *target));

static inline struct sbiret sbi_ok(unsigned long value)
{
    return (struct sbiret){ SBI_SUCCESS, value };
}

static inline struct sbiret sbi_error(long error)
{
    return (struct sbiret){ error, 0 };
}

#endif /* ARCH_SBI_H */
