/*
 * SBI for guests: the calls an unmodified S-mode guest makes to its
 * firmware, answered by the hypervisor. One file per extension, each a
 * small struct with a handler (OpenSBI's shape).
 */
#ifndef ARCH_SBI_H
#define ARCH_SBI_H

struct vcpu;

#define SBI_SUCCESS              0
#define SBI_ERR_FAILED          -1
#define SBI_ERR_NOT_SUPPORTED   -2
#define SBI_ERR_INVALID_PARAM   -3
#define SBI_ERR_DENIED          -4
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6

struct sbiret {
    long error;
    unsigned long value;
};

struct sbi_extension {
    unsigned long eid;
    const char *name;
    /* args[0..5] are a0..a5 of the call */
    struct sbiret (*handle)(struct vcpu *v, unsigned long fid, const unsigned long *args);
};

/* Every extension the hypervisor implements (see sbi.c). */
extern const struct sbi_extension *const sbi_extensions[];

const struct sbi_extension *sbi_find(unsigned long eid);
struct sbiret sbi_dispatch(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args);

#endif /* ARCH_SBI_H */
