/*
 * The run's timeline, for `phase3 run --trace` (sim/trace.ts turns it into
 * Chrome trace event JSON for Perfetto).
 *
 * Built only into the trace firmware: `make trace` compiles the hypervisor a
 * second time with -DP3_TRACE=1, into out/trace/ and <system>-trace.elf.
 * Everywhere else each hook below is an empty macro whose arguments are never
 * evaluated, so the normal build does not change by a byte.
 *
 * Each event becomes one console line:
 *
 *     \x1e<kind> <hart> <time> <cycle> <fields...>
 *
 * numbers in lower-case hex, time from the time CSR (P3_TIMEBASE_HZ) and
 * cycle from the cycle counter, both read at the event; the line is printed
 * later, when the hart enters a vCPU or idles (see trace.c). The kinds and
 * their fields:
 *
 *     H  trace version, number of harts          the trace firmware booted
 *     I  vcpu, interrupt number                  a trap: an interrupt while vcpu ran
 *     X  vcpu, cause, a7, a6                     a trap: an exception (a call, a fault)
 *     C  vcpu, function id                       a Phase3 call on the fast path
 *     R  vcpu                                    the hart enters vcpu (a trap is over)
 *     W                                          the hart has nothing to run (a trap is over)
 *     Q  line, partition (fffe console, ffff none)   a device interrupt claimed
 *     F  partition, vcpu (ffff none), what       a fault, before its policy applies
 *     N  partition, restarts so far              a partition restarted from its image
 *     D  partition, 0 exited / 1 stopped, exit code    a partition will not run again
 *
 * The console demux (sim/console.ts) takes lines that start with \x1e out of
 * what the user sees: partition output always starts with "[name] ".
 */
#ifndef CORE_TRACE_H
#define CORE_TRACE_H

#if P3_TRACE

#include <stdint.h>
#include "hypercall.h"

struct fault;
struct hart;
struct irq_route;
struct partition;
struct vcpu;

void trace_boot(void);
void trace_trap(struct hart *h, struct vcpu *v, unsigned long cause);
void trace_resume(struct hart *h, struct vcpu *v);
void trace_idle(struct hart *h);
void trace_irq(struct hart *h, unsigned line, const struct irq_route *route);
void trace_fault(struct partition *p, struct vcpu *v, const struct fault *f);
void trace_restart(struct partition *p);
void trace_done(struct partition *p);

/* The trap fast path calls this instead of the handler (arch/riscv/trap.S):
 * the handler's arguments, the vCPU in a5 and the function id still in a6. */
struct p3_ret trace_fast_call(p3_word a0, p3_word a1, p3_word a2, p3_word a3, p3_word a4,
                              struct vcpu *self, unsigned long fid);

#else

#define trace_boot() ((void)0)
#define trace_trap(h, v, cause) ((void)0)
#define trace_resume(h, v) ((void)0)
#define trace_idle(h) ((void)0)
#define trace_irq(h, line, route) ((void)0)
#define trace_fault(p, v, f) ((void)0)
#define trace_restart(p) ((void)0)
#define trace_done(p) ((void)0)

#endif /* P3_TRACE */
#endif /* CORE_TRACE_H */
