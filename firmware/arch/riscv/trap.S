/*
 * Trap entry from a partition, and entry into one: in hypervisor mode the
 * HS-mode path (sscratch, sret), in microkernel mode the M-mode one
 * (mscratch, mret); arch/trap_csrs.h names the CSRs (T* below).
 *
 * While a partition runs, the trap scratch register holds its vCPU (whose
 * saved registers are at offset 0); while the firmware runs, it is 0. A trap
 * from the partition swaps sp and scratch, so sp points at the vCPU.
 *
 * Fast path: a Phase3 call (an ecall, a7 = P3_EXTENSION_ID) whose function
 * has an entry in p3_fast_calls. The Phase3 ABI lets a call clobber every
 * caller-saved register, so the handler, a plain C function, is called
 * without saving any: only t0 (before we know it is such a call) and the
 * guest's sp. The handler gets a0-a4 and the vCPU in a5, and returns the
 * error and value in a0 and a1.
 *
 * A fast handler that finds it must block (p3_wait with nothing ready)
 * returns P3_BLOCK_MARKER: then the registers the ABI keeps are saved after
 * all, and hypercall_block() puts the vCPU to sleep.
 *
 * Slow path: everything else saves all registers and calls trap_handler(),
 * which returns the vCPU to resume (perhaps another one).
 */
#include <p3_config.h>
#include <p3_abi.h>
#include <arch/csr.h>
#include <arch/regs.h>
#include <arch/trap_csrs.h>
#include "hypercall.h"

    .section .text
    .align 2
    .globl trap_entry
trap_entry:
    csrrw   sp, CSR_TSCRATCH, sp
    beqz    sp, self_trap               /* scratch was 0: a trap in the firmware */
    STORE   t0, REG_T0(sp)
    csrr    t0, CSR_TCAUSE
    addi    t0, t0, -CAUSE_PARTITION_ECALL
    bnez    t0, slow_path
    li      t0, P3_EXTENSION_ID
    bne     a7, t0, slow_path           /* an SBI call */
    li      t0, P3_FID_LIMIT
    bgeu    a6, t0, slow_path
    lla     t0, p3_fast_calls           /* from here the Phase3 ABI applies: */
    slli    t1, a6, (REGBYTES / 4) + 1  /* t1 is the caller's to lose */
    add     t0, t0, t1
    LOAD    t1, 0(t0)
    beqz    t1, slow_path               /* a call that may block or switch */

    csrrw   t0, CSR_TSCRATCH, zero      /* t0 = guest sp; in HS now */
    STORE   t0, REG_SP(sp)
    mv      a5, sp                      /* the vCPU */
    LOAD    sp, REG_HART_SP(sp)         /* this hart's stack; struct hart on top */
#if P3_TRACE
    call    trace_fast_call             /* core/trace.c: records the call around its handler */
#else
    jalr    t1
#endif
    li      t0, P3_BLOCK_MARKER
    beq     a0, t0, fast_block
    csrr    t0, CSR_TEPC
    addi    t0, t0, 4                   /* past the ecall */
    csrw    CSR_TEPC, t0
    LOAD    t1, 0(sp)                   /* hart->current */
    LOAD    sp, REG_SP(t1)
    csrw    CSR_TSCRATCH, t1
    TRAP_RETURN

/* A fast call must block: sp is the hart's stack, the guest's sp is saved,
 * its callee-saved registers are still in place (the rest the ABI lets go). */
fast_block:
    LOAD    t1, 0(sp)                   /* hart->current */
    csrr    t0, CSR_TEPC
    addi    t0, t0, 4
    STORE   t0, REG_PC(t1)
    STORE   ra, REG_X(1)(t1)
    STORE   gp, REG_X(3)(t1)
    STORE   tp, REG_X(4)(t1)
    STORE   s0, REG_X(8)(t1)
    STORE   s1, REG_X(9)(t1)
    STORE   s2, REG_X(18)(t1)
    STORE   s3, REG_X(19)(t1)
    STORE   s4, REG_X(20)(t1)
    STORE   s5, REG_X(21)(t1)
    STORE   s6, REG_X(22)(t1)
    STORE   s7, REG_X(23)(t1)
    STORE   s8, REG_X(24)(t1)
    STORE   s9, REG_X(25)(t1)
    STORE   s10, REG_X(26)(t1)
    STORE   s11, REG_X(27)(t1)
    csrr    t0, CSR_TSTATUS
    STORE   t0, REG_STATUS(t1)
#if P3_MODE_HYPERVISOR
    csrr    t0, CSR_HSTATUS
    STORE   t0, REG_HSTATUS(t1)
#endif
    mv      a0, t1
    call    hypercall_block             /* returns the vCPU to resume in a0 */
    j       arch_vcpu_enter

slow_path:
    STORE   ra, REG_X(1)(sp)
    STORE   gp, REG_X(3)(sp)
    STORE   tp, REG_X(4)(sp)
    STORE   t1, REG_X(6)(sp)
    STORE   t2, REG_X(7)(sp)
    STORE   s0, REG_X(8)(sp)
    STORE   s1, REG_X(9)(sp)
    STORE   a0, REG_X(10)(sp)
    STORE   a1, REG_X(11)(sp)
    STORE   a2, REG_X(12)(sp)
    STORE   a3, REG_X(13)(sp)
    STORE   a4, REG_X(14)(sp)
    STORE   a5, REG_X(15)(sp)
    STORE   a6, REG_X(16)(sp)
    STORE   a7, REG_X(17)(sp)
    STORE   s2, REG_X(18)(sp)
    STORE   s3, REG_X(19)(sp)
    STORE   s4, REG_X(20)(sp)
    STORE   s5, REG_X(21)(sp)
    STORE   s6, REG_X(22)(sp)
    STORE   s7, REG_X(23)(sp)
    STORE   s8, REG_X(24)(sp)
    STORE   s9, REG_X(25)(sp)
    STORE   s10, REG_X(26)(sp)
    STORE   s11, REG_X(27)(sp)
    STORE   t3, REG_X(28)(sp)
    STORE   t4, REG_X(29)(sp)
    STORE   t5, REG_X(30)(sp)
    STORE   t6, REG_X(31)(sp)
    csrrw   t0, CSR_TSCRATCH, zero
    STORE   t0, REG_SP(sp)
    csrr    t0, CSR_TEPC
    STORE   t0, REG_PC(sp)
    csrr    t0, CSR_TSTATUS
    STORE   t0, REG_STATUS(sp)
#if P3_MODE_HYPERVISOR
    csrr    t0, CSR_HSTATUS
    STORE   t0, REG_HSTATUS(sp)
#endif
    mv      a0, sp
    LOAD    sp, REG_HART_SP(sp)
    call    trap_handler             /* returns the vCPU to resume in a0 */
    /* fall through */

/* void arch_vcpu_enter(struct vcpu *v): load v's registers and return into it. */
    .globl arch_vcpu_enter
arch_vcpu_enter:
    LOAD    t0, REG_PC(a0)
    csrw    CSR_TEPC, t0
    LOAD    t0, REG_STATUS(a0)
    csrw    CSR_TSTATUS, t0
#if P3_MODE_HYPERVISOR
    LOAD    t0, REG_HSTATUS(a0)
    csrw    CSR_HSTATUS, t0
#endif
    csrw    CSR_TSCRATCH, a0
    LOAD    ra, REG_X(1)(a0)
    LOAD    sp, REG_X(2)(a0)
    LOAD    gp, REG_X(3)(a0)
    LOAD    tp, REG_X(4)(a0)
    LOAD    t0, REG_X(5)(a0)
    LOAD    t1, REG_X(6)(a0)
    LOAD    t2, REG_X(7)(a0)
    LOAD    s0, REG_X(8)(a0)
    LOAD    s1, REG_X(9)(a0)
    LOAD    a1, REG_X(11)(a0)
    LOAD    a2, REG_X(12)(a0)
    LOAD    a3, REG_X(13)(a0)
    LOAD    a4, REG_X(14)(a0)
    LOAD    a5, REG_X(15)(a0)
    LOAD    a6, REG_X(16)(a0)
    LOAD    a7, REG_X(17)(a0)
    LOAD    s2, REG_X(18)(a0)
    LOAD    s3, REG_X(19)(a0)
    LOAD    s4, REG_X(20)(a0)
    LOAD    s5, REG_X(21)(a0)
    LOAD    s6, REG_X(22)(a0)
    LOAD    s7, REG_X(23)(a0)
    LOAD    s8, REG_X(24)(a0)
    LOAD    s9, REG_X(25)(a0)
    LOAD    s10, REG_X(26)(a0)
    LOAD    s11, REG_X(27)(a0)
    LOAD    t3, REG_X(28)(a0)
    LOAD    t4, REG_X(29)(a0)
    LOAD    t5, REG_X(30)(a0)
    LOAD    t6, REG_X(31)(a0)
    LOAD    a0, REG_X(10)(a0)
    TRAP_RETURN

/* A trap taken in the firmware itself: it faulted. */
self_trap:
    csrrw   sp, CSR_TSCRATCH, sp        /* back to our own stack; scratch = 0 */
    call    firmware_panic
    j       .
