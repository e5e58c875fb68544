/*
 * Loading a partition's PMP entries into a hart (microkernel mode).
 */
#ifndef ARCH_MK_PMP_H
#define ARCH_MK_PMP_H

#include <arch/vcpu.h>

/* Makes `config`'s entries the only ones enabled on this hart. */
void pmp_load(unsigned hart, const struct arch_partition_config *config);

#endif /* ARCH_MK_PMP_H */
