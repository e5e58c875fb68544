/*
 * What the RISC-V side offers for running unmodified guests: their timer,
 * their software interrupts, fences on their other vCPUs, and reading their
 * memory through their own page tables. Requests for a vCPU running on
 * another hart are queued on it and applied before it next enters the guest.
 */
#ifndef ARCH_GUEST_H
#define ARCH_GUEST_H

#include <stdint.h>

struct vcpu;

/* vcpu->arch.requests bits */
#define REQUEST_SOFT_INTERRUPT 1u
#define REQUEST_FENCE          2u
/* The vCPU was reset: its saved guest CSRs are newer than whatever a hart
 * still has loaded, so they are not saved over and are loaded before it next
 * enters the guest (a restarted app must not inherit a stale vsatp). */
#define REQUEST_RELOAD         4u

/* SBI set_timer: the next virtual timer interrupt of the calling vCPU. */
void arch_vcpu_set_timer(struct vcpu *v, uint64_t when);

/* Raises / clears the virtual supervisor software interrupt of `target`. */
void arch_vcpu_send_soft_interrupt(struct vcpu *target);
void arch_vcpu_clear_soft_interrupt(struct vcpu *v);

/* `target` forgets its stale translations and instructions before it runs again. */
void arch_vcpu_request_fence(struct vcpu *target);

/* Whether the guest has its own address translation on (vsatp not Bare). */
int arch_vcpu_paging(const struct vcpu *v);

/* Guest virtual → guest physical through the guest's page tables (Bare and
 * Sv39), checking the guest grants `access` (PERM_R, PERM_W or PERM_X).
 * Returns 0, or -1 when the guest itself would fault. */
int arch_guest_translate(const struct vcpu *v, uintptr_t va, unsigned access, uintptr_t *gpa);

/* Reads one register-sized word at a guest virtual address; -1 if it cannot. */
int arch_guest_read_word(const struct vcpu *v, uintptr_t va, unsigned long *out);

#endif /* ARCH_GUEST_H */
