/* Emulates a guest's access to a virtual device: see mmio.c. */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include <stdint.h>

struct vcpu;

int mmio_emulate(struct vcpu *v, uintptr_t gpa);

#endif /* ARCH_MMIO_H */
