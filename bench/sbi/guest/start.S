/*
 * A bare S-mode guest for the SBI and timer benchmarks: one vCPU, a stack,
 * and a timer handler whose first instruction reads the counter.
 */
#define CSR_CYCLE    0xc00
#define CSR_STIMECMP 0x14d

    .section .text.start, "ax"
    .globl _start
_start:
    la      sp, stack_top
    la      t0, timer_entry
    csrw    stvec, t0
    call    guest_main
1:  wfi
    j       1b

/* The only trap this guest expects: its timer. It notes when it arrived
 * and why, and turns the timer off by writing stimecmp (Sstc) itself. The
 * code it interrupts gives it t5 and t6. */
    .align 2
timer_entry:
    csrr    t6, CSR_CYCLE
    la      t5, taken_at
    sd      t6, 0(t5)
    csrr    t6, scause
    la      t5, taken_cause
    sd      t6, 0(t5)
    li      t5, -1
    csrw    CSR_STIMECMP, t5
    sret

    .bss
    .align 12
stack:
    .space  4096
stack_top:
