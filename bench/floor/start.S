/*
 * The bare-metal floor: what the hardware itself charges for a trap, with no
 * hypervisor in the way. M-mode runs floor.c; each measurement is a "stage"
 * run in a lower mode (U, HS or VS) that leaves its counts in `result` and
 * returns to M by raising M's timer interrupt (stage_exit), the one trap
 * that does not go to the minimal handlers it measures.
 *
 * The handlers are the minimal ones: csrr xepc / addi / csrw xepc / xret.
 * They clobber t0, so the measured loops do not use it.
 */
#define CSR_CYCLE     0xc00
#define CSR_STIMECMP  0x14d
#define CLINT_MTIMECMP 0x02004000
#define N             1000

    .option norvc

    .section .text.start, "ax"
    .globl _start
_start:
    csrr    t0, mhartid
    bnez    t0, park
    la      sp, m_stack_top
    call    floor_main
park:
    wfi
    j       park

/* M's trap vector, vectored mode: exceptions land at the base (the minimal
 * handler, for ecalls from S and U), the machine timer at base + 4 * 7. */
    .align 8
    .globl m_vector
m_vector:
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    mret
    .org    m_vector + 4 * 7
    j       m_resume

/* HS's trap vector for ecalls from VS: the minimal handler. */
    .align 8
    .globl hs_vector
hs_vector:
    csrr    t0, sepc
    addi    t0, t0, 4
    csrw    sepc, t0
    sret

/* HS's trap vector for the timer floor: the minimal handler, which also
 * makes the guest's timer due (as an SBI set_timer for "now" would). */
    .align 8
    .globl hs_timer_vector
hs_timer_vector:
    csrw    0x24d, zero             /* vstimecmp */
    csrr    t0, sepc
    addi    t0, t0, 4
    csrw    sepc, t0
    sret

/* void run_stage(void (*entry)(void), unsigned long mpp, unsigned long mpv):
 * runs entry in the mode (mpp, mpv) on its own stack until it calls
 * stage_exit; returns in M. */
    .globl run_stage
run_stage:
    la      t0, m_context
    sd      ra, 0(t0)
    sd      sp, 8(t0)
    sd      s0, 16(t0)
    sd      s1, 24(t0)
    sd      s2, 32(t0)
    sd      s3, 40(t0)
    sd      s4, 48(t0)
    sd      s5, 56(t0)
    sd      s6, 64(t0)
    sd      s7, 72(t0)
    sd      s8, 80(t0)
    sd      s9, 88(t0)
    sd      s10, 96(t0)
    sd      s11, 104(t0)
    csrw    mepc, a0
    li      t1, 3 << 11             /* MPP */
    csrc    mstatus, t1
    slli    a1, a1, 11
    csrs    mstatus, a1
    li      t1, 1
    slli    t1, t1, 39              /* MPV */
    csrc    mstatus, t1
    beqz    a2, 1f
    csrs    mstatus, t1
1:  la      sp, stage_stack_top
    mret

m_resume:
    li      t0, CLINT_MTIMECMP
    li      t1, -1
    sd      t1, 0(t0)               /* the exit interrupt is taken */
    la      t0, m_context
    ld      ra, 0(t0)
    ld      sp, 8(t0)
    ld      s0, 16(t0)
    ld      s1, 24(t0)
    ld      s2, 32(t0)
    ld      s3, 40(t0)
    ld      s4, 48(t0)
    ld      s5, 56(t0)
    ld      s6, 64(t0)
    ld      s7, 72(t0)
    ld      s8, 80(t0)
    ld      s9, 88(t0)
    ld      s10, 96(t0)
    ld      s11, 104(t0)
    ret

/* Back to M: ring M's timer (any mode may write the CLINT: PMP is open). */
    .globl stage_exit
stage_exit:
    li      t1, CLINT_MTIMECMP
    sd      zero, 0(t1)
1:  j       1b

/* n runs of an empty loop, then n runs of `body`; s0..s2 are the counter
 * before, between and after. Stores { n, total, empty } into result. */
.macro LOOP_PAIR body
    li      a0, N
    csrr    s0, CSR_CYCLE
1:  addi    a0, a0, -1
    bnez    a0, 1b
    csrr    s1, CSR_CYCLE
    li      a0, N
2:  \body
    addi    a0, a0, -1
    bnez    a0, 2b
    csrr    s2, CSR_CYCLE
    la      a1, result
    li      a2, N
    sd      a2, 0(a1)
    sub     a3, s2, s1
    sd      a3, 8(a1)
    sub     a3, s1, s0
    sd      a3, 16(a1)
.endm

/* Calibration: four nops cost four instructions. */
.macro FOUR_NOPS
    nop
    nop
    nop
    nop
.endm
    .globl stage_nops
stage_nops:
    LOOP_PAIR FOUR_NOPS
    j       stage_exit

/* From HS (S-mode) or U-mode: an ecall to M's minimal handler and back. */
    .globl stage_ecall
stage_ecall:
    LOOP_PAIR ecall
    j       stage_exit

/* From VS: an ecall to HS's minimal handler and back. */
    .globl stage_vs_ecall
stage_vs_ecall:
    LOOP_PAIR ecall
    j       stage_exit

/* The same, shaped as a Phase3 call is: the function and extension ids set
 * up in a6 and a7 first (the compiler keeps the extension id in a register). */
.macro PHASE3_SHAPED_ECALL
    li      a6, 0
    mv      a7, s5
    ecall
.endm
    .globl stage_vs_call
stage_vs_call:
    LOOP_PAIR PHASE3_SHAPED_ECALL
    j       stage_exit

/* In VS: the guest writes its own timer compare (vstimecmp, through
 * stimecmp) with a time already past; from that write to the first
 * instruction of its timer handler. Each interval is read-to-read, minus a
 * read-to-read with nothing between (the "empty" interval). */
    .globl stage_vs_timer
stage_vs_timer:
    la      t1, vs_timer_handler
    csrw    stvec, t1               /* vstvec */
    li      t1, 1 << 5
    csrs    sie, t1                 /* vsie.STIE */
    li      t1, 1 << 1
    csrs    sstatus, t1             /* vsstatus.SIE */
    li      a0, N
    li      s3, 0
    li      s4, 0
1:  csrr    t1, CSR_CYCLE           /* the empty interval */
    csrr    t2, CSR_CYCLE
    sub     t2, t2, t1
    add     s4, s4, t2
    addi    a0, a0, -1
    bnez    a0, 1b
    li      a0, N
2:  csrr    t1, CSR_CYCLE
    csrw    CSR_STIMECMP, zero      /* due now: the interrupt is taken at once */
    addi    a0, a0, -1
    bnez    a0, 2b
    la      a1, result
    li      a2, N
    sd      a2, 0(a1)
    sd      s3, 8(a1)
    sd      s4, 16(a1)
    j       stage_exit

/* In VS: an ecall whose (minimal) HS handler makes the guest's timer due;
 * from the ecall to the first instruction of the guest's timer handler. */
    .globl stage_vs_ecall_timer
stage_vs_ecall_timer:
    la      t1, vs_timer_handler
    csrw    stvec, t1
    li      t1, 1 << 5
    csrs    sie, t1
    li      t1, 1 << 1
    csrs    sstatus, t1
    li      a0, N
    li      s3, 0
    li      s4, 0
1:  csrr    t1, CSR_CYCLE
    csrr    t2, CSR_CYCLE
    sub     t2, t2, t1
    add     s4, s4, t2
    addi    a0, a0, -1
    bnez    a0, 1b
    li      a0, N
2:  csrr    t1, CSR_CYCLE
    ecall                           /* HS makes the timer due and returns */
    addi    a0, a0, -1
    bnez    a0, 2b
    la      a1, result
    li      a2, N
    sd      a2, 0(a1)
    sd      s3, 8(a1)
    sd      s4, 16(a1)
    j       stage_exit

    .align 4
vs_timer_handler:
    csrr    t2, CSR_CYCLE
    sub     t2, t2, t1
    add     s3, s3, t2
    li      t2, -1
    csrw    CSR_STIMECMP, t2        /* no longer due */
    sret

/* HS's handler for the device-interrupt floor: records when it ran, then
 * floor.c's irq_service() claims and quiets the device. */
    .align 4
    .globl hs_irq_vector
hs_irq_vector:
    csrr    t6, CSR_CYCLE
    la      t5, irq_taken_at
    sd      t6, 0(t5)
    addi    sp, sp, -16*8
    sd      ra, 0(sp)
    sd      a0, 8(sp)
    sd      a1, 16(sp)
    sd      a2, 24(sp)
    sd      a3, 32(sp)
    sd      a4, 40(sp)
    sd      a5, 48(sp)
    sd      a6, 56(sp)
    sd      a7, 64(sp)
    sd      t0, 72(sp)
    sd      t1, 80(sp)
    sd      t2, 88(sp)
    sd      t3, 96(sp)
    sd      t4, 104(sp)
    call    irq_service
    ld      ra, 0(sp)
    ld      a0, 8(sp)
    ld      a1, 16(sp)
    ld      a2, 24(sp)
    ld      a3, 32(sp)
    ld      a4, 40(sp)
    ld      a5, 48(sp)
    ld      a6, 56(sp)
    ld      a7, 64(sp)
    ld      t0, 72(sp)
    ld      t1, 80(sp)
    ld      t2, 88(sp)
    ld      t3, 96(sp)
    ld      t4, 104(sp)
    addi    sp, sp, 16*8
    sret

    .bss
    .align 4
m_context:
    .space  14 * 8
    .align 12
m_stack:
    .space  4096
m_stack_top:
    .space  4096
stage_stack_top:
