/*
 * HS-mode entry, from the M stage, on every hart: a0 = hartid.
 * Hart 0 clears .bss; the others wait for boot_done (set by hart 0 once the
 * shared state is ready) before touching memory. Then each hart calls
 * firmware_main() on its own stack, at whose top its struct hart sits.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/regs.h>
#include <sched_layout.h>

    .section .text
    .globl hs_entry
hs_entry:
    csrw    CSR_SIE, zero
    csrw    CSR_SSCRATCH, zero          /* 0 while in HS: see trap_entry */
    la      t0, trap_entry
    csrw    CSR_STVEC, t0

    /* sp = hart_areas + (hartid + 1) * HART_AREA_SIZE - HART_STATE_SIZE */
    la      sp, hart_areas
    li      t1, HART_AREA_SIZE
    mv      t0, a0
1:  add     sp, sp, t1
    addi    t0, t0, -1
    bgez    t0, 1b
    addi    sp, sp, -HART_STATE_SIZE

    bnez    a0, 3f
    la      t0, __bss_start             /* hart 0: clear .bss */
    la      t1, __bss_end
2:  bgeu    t0, t1, 4f
    STORE   zero, 0(t0)
    addi    t0, t0, REGBYTES
    j       2b

3:  lw      t0, boot_done               /* other harts: wait for hart 0 */
    bnez    t0, 4f
    wfi                                 /* the IPI arrives through m_trap */
    j       3b

4:  call    firmware_main
    j       .
