/*
 * The hooks a platform (the board's devices) implements for the core. One
 * driver in firmware/platform provides each, chosen by the generated Makefile
 * from the board profile.
 */
#ifndef CORE_PLATFORM_H
#define CORE_PLATFORM_H

#include <stdint.h>

void platform_console_init(void);
void platform_console_putc(char c);
/* Next input byte, or -1 when none is waiting. */
int platform_console_getc(void);
/* Interrupt when a byte arrives (for console input owned by a partition). */
void platform_console_enable_rx_irq(void);

/* Rings another hart's doorbell: a machine software interrupt there, which
 * the M stage turns into a supervisor one in hypervisor mode (see
 * arch/riscv/hyp/m_entry.S). */
void platform_ipi_send(unsigned hart);

/* Microkernel mode drives the timer device itself (hypervisor mode has the
 * time CSR and stimecmp): the time base in ticks of P3_TIMEBASE_HZ, a hart's
 * timer interrupt at `deadline` (UINT64_MAX: never), and silencing a hart's
 * doorbell once taken. */
uint64_t platform_time_now(void);
void platform_timer_set(unsigned hart, uint64_t deadline);
void platform_ipi_clear(unsigned hart);

/* The interrupt controller: lines are enabled for the hart that takes them
 * (p3_irq_routes), claimed there, and completed once handled. */
void platform_irq_init(void);
void platform_irq_hart_init(unsigned hart);
unsigned platform_irq_claim(unsigned hart);
void platform_irq_complete(unsigned hart, unsigned line);

/* Ends the run with a status (QEMU's test finisher), or halts when the board
 * cannot report one. */
__attribute__((noreturn)) void platform_exit(int status);

#endif /* CORE_PLATFORM_H */
