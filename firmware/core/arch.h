/*
 * The hooks an architecture implements for the core (Bao's split): the core
 * decides what runs and why; the architecture knows how to run it.
 * arch/riscv implements these in hypervisor mode (HS/VS).
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>

struct vcpu;
struct partition_config;

/* Per-hart set-up: trap vector, delegation, counters, timer. */
void arch_hart_init(unsigned hart);

/* Puts a vCPU in the state a partition starts in: pc at its entry, interrupts
 * off, its address space selected by the partition's configuration. */
void arch_vcpu_reset(struct vcpu *v, const struct partition_config *config);

/* Saves the guest CSR state of `prev` (may be 0) and loads that of `next`. */
void arch_vcpu_switch(struct vcpu *prev, struct vcpu *next);

/* Prints the vCPU's general registers as hypervisor log lines (inside a
 * log block: the caller holds the console). */
void arch_vcpu_dump(const struct vcpu *v);

/* Runs `v` on this hart until its next trap. Does not return: the trap
 * entry comes back into the core. */
__attribute__((noreturn)) void arch_vcpu_enter(struct vcpu *v);

/* The time base (ticks of P3_TIMEBASE_HZ) and the hart's own timer. */
uint64_t arch_time_now(void);
void arch_timer_set(uint64_t deadline);

/* Sleeps until an interrupt is pending; returns with it still pending. */
void arch_wait_for_interrupt(void);

/* Interrupt another hart: it wakes from arch_wait_for_interrupt() or traps. */
void arch_send_ipi(unsigned hart);

/* Clears this hart's pending IPI; returns whether there was one. */
int arch_ipi_take(void);

/* Stops this hart for good. */
__attribute__((noreturn)) void arch_halt_hart(void);

#endif /* CORE_ARCH_H */
