/*
 * The M-mode stage: the first code after reset, on every hart at once
 * (QEMU's reset vector jumps here with a0 = hartid, a1 = its device tree).
 * It delegates traps, opens PMP, and drops to HS-mode at hs_entry. Afterwards
 * M-mode does one thing: turn the CLINT doorbell (machine software interrupt)
 * into a supervisor software interrupt, because only M can take the former.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/regs.h>

/* Everything a guest or the hypervisor can cause, except ecalls to M. */
#define M_DELEGATED_EXCEPTIONS \
    ((1 << CAUSE_MISALIGNED_FETCH) | (1 << CAUSE_FETCH_ACCESS) | (1 << CAUSE_ILLEGAL_INSTRUCTION) | \
     (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_MISALIGNED_LOAD) | (1 << CAUSE_LOAD_ACCESS) | \
     (1 << CAUSE_MISALIGNED_STORE) | (1 << CAUSE_STORE_ACCESS) | (1 << CAUSE_USER_ECALL) | \
     (1 << CAUSE_VIRTUAL_SUPERVISOR_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) | \
     (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | \
     (1 << CAUSE_FETCH_GUEST_PAGE_FAULT) | (1 << CAUSE_LOAD_GUEST_PAGE_FAULT) | \
     (1 << CAUSE_VIRTUAL_INSTRUCTION) | (1 << CAUSE_STORE_GUEST_PAGE_FAULT))

#define PMP_R      0x01
#define PMP_W      0x02
#define PMP_X      0x04
#define PMP_NAPOT  0x18

    .section .text.entry, "ax"
    .globl _start
_start:
    csrw    CSR_MIE, zero
    csrr    a0, CSR_MHARTID
    li      t0, P3_NUM_HARTS
    bgeu    a0, t0, m_park              /* a hart the spec does not use */

    la      t0, m_trap
    csrw    CSR_MTVEC, t0
    la      t0, m_scratch               /* 2 words per hart for m_trap */
    slli    t1, a0, 2 + (REGBYTES / 4)  /* log2(2 * REGBYTES) */
    add     t0, t0, t1
    csrw    CSR_MSCRATCH, t0

    li      t0, M_DELEGATED_EXCEPTIONS
    csrw    CSR_MEDELEG, t0
    li      t0, (1 << IRQ_S_SOFT) | (1 << IRQ_S_TIMER) | (1 << IRQ_S_EXT)
    csrw    CSR_MIDELEG, t0
    li      t0, 1 << IRQ_M_SOFT         /* M keeps only the IPI doorbell */
    csrw    CSR_MIE, t0
    li      t0, -1
    csrw    CSR_MCOUNTEREN, t0          /* time, cycle, instret readable below M */
#if P3_HAS_SSTC
    li      t0, 1
    slli    t0, t0, 63
    csrs    CSR_MENVCFG, t0             /* STCE: stimecmp for HS, vstimecmp for VS */
#endif
    /* PMP entry 0 covers all of memory, RWX: the hypervisor confines guests
     * with G-stage translation, and needs every address itself. */
    li      t0, -1
    csrw    CSR_PMPADDR0, t0
    li      t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X
    csrw    CSR_PMPCFG0, t0

#ifdef P3_APLIC_M_BASE
    /* The M-level APLIC is the root domain: hand every source to its child,
     * the supervisor domain the hypervisor drives (sourcecfg.D = 1, child 0). */
    li      t0, P3_APLIC_M_BASE + 4
    li      t1, P3_APLIC_SOURCES
    li      t2, 0x400
1:  sw      t2, 0(t0)
    addi    t0, t0, 4
    addi    t1, t1, -1
    bnez    t1, 1b
#endif

    li      t0, MSTATUS_MPP | MSTATUS_MIE
    csrc    CSR_MSTATUS, t0
#if __riscv_xlen == 64
    li      t0, 1
    slli    t0, t0, 39                  /* MPV: return to HS, not VS */
    csrc    CSR_MSTATUS, t0
#endif
    li      t0, MSTATUS_MPP_S
    csrs    CSR_MSTATUS, t0
    la      t0, hs_entry
    csrw    CSR_MEPC, t0
    mret                                /* to hs_entry in HS-mode, a0 = hartid, a1 = dtb */

m_park:
    wfi
    j       m_park

/* Machine trap: only the software interrupt is enabled in M. */
    .align 2
m_trap:
    csrrw   sp, CSR_MSCRATCH, sp
    STORE   t0, 0(sp)
    STORE   t1, REGBYTES(sp)
    csrr    t0, CSR_MCAUSE
    bgez    t0, m_fatal                 /* an exception reached M: a hypervisor bug */
    csrr    t0, CSR_MHARTID             /* clear this hart's doorbell ... */
    slli    t0, t0, 2
    li      t1, P3_TIMER_BASE
    add     t0, t0, t1
    sw      zero, 0(t0)
    li      t0, 1 << IRQ_S_SOFT         /* ... and ring the supervisor's */
    csrs    CSR_MIP, t0
    LOAD    t0, 0(sp)
    LOAD    t1, REGBYTES(sp)
    csrrw   sp, CSR_MSCRATCH, sp
    mret

m_fatal:
#ifdef P3_EXIT_BASE
    li      t0, P3_EXIT_BASE            /* end the run: the system halted */
    li      t1, (P3_STATUS_PANIC << 16) | 0x3333
    sw      t1, 0(t0)
#endif
    j       m_park

    .bss
    .align 4
m_scratch:
    .space  2 * REGBYTES * P3_NUM_HARTS
