/*
 * The hooks an architecture implements for the core (Bao's split): the core
 * decides what runs and why; the architecture knows how to run it.
 * arch/riscv implements every one in both execution modes: hypervisor mode
 * (arch/riscv/hyp/: the firmware in HS-mode, partitions in VS-mode) and
 * microkernel mode (arch/riscv/mk/: the kernel in M-mode, partitions in
 * U-mode); the trap path (arch/riscv/trap.S, trap.c) is shared.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>

struct hart;
struct partition;
struct vcpu;

/* Per-hart set-up: trap vector, delegation, counters, timer, interrupts. */
void arch_hart_init(unsigned hart);

/* Puts a vCPU in the state its partition starts in: pc at `entry`, a0 its
 * hart id within the partition, a1 `boot_arg`, interrupts off. */
void arch_vcpu_reset(struct vcpu *v, uintptr_t entry, uintptr_t boot_arg);

/* Saves the guest CSR state of `prev` (may be 0) and loads that of `next`. */
void arch_vcpu_switch(struct vcpu *prev, struct vcpu *next);

/* Runs `v` on this hart until its next trap. Does not return: the trap
 * entry comes back into the core. */
__attribute__((noreturn)) void arch_vcpu_enter(struct vcpu *v);

/* Last things before `v` enters the guest on this hart: requests other harts
 * queued for it (virtual interrupts, fences). */
void arch_vcpu_prepare(struct vcpu *v);

/* Sets what a call returns to a vCPU that is not running (a finished wait). */
void arch_vcpu_set_result(struct vcpu *v, long error, unsigned long value);

/* Whether a guest vCPU waiting in wfi has a virtual interrupt to take. */
int arch_vcpu_interrupt_pending(const struct vcpu *v);

/* A partition's memory was rewritten (a restart): forget stale instructions
 * and translations. */
void arch_vcpu_memory_reloaded(struct partition *p);

/* Prints the vCPU's general registers as hypervisor log lines (inside a
 * log block: the caller holds the console). */
void arch_vcpu_dump(const struct vcpu *v);

/* The time base (ticks of P3_TIMEBASE_HZ) and this hart's timer. */
uint64_t arch_time_now(void);
void arch_timer_set(uint64_t deadline);

/* Sleeps until an interrupt is pending; returns with it still pending. */
void arch_wait_for_interrupt(void);

/* Handles whatever interrupts are pending on this hart (while it idles). */
void arch_service_interrupts(struct hart *h);

/* Interrupt another hart: it wakes from arch_wait_for_interrupt() or traps. */
void arch_send_ipi(unsigned hart);

/* Clears this hart's pending IPI; returns whether there was one. */
int arch_ipi_take(void);

/* Stops this hart for good. */
__attribute__((noreturn)) void arch_halt_hart(void);

#endif /* CORE_ARCH_H */
