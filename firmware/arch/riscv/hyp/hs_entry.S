/*
 * HS-mode entry, from the M stage, on every hart: a0 = hartid.
 * Hart 0 clears .bss; the others wait for boot_done (set by hart 0 once the
 * shared state is ready) before touching memory. Then each hart calls
 * firmware_main() on its own stack, at whose top its struct hart sits.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/entry.h>

    .section .text
    .globl hs_entry
hs_entry:
    csrw    CSR_SIE, zero
    csrw    CSR_SSCRATCH, zero          /* 0 while in HS: see trap_entry */
    la      t0, trap_entry
    csrw    CSR_STVEC, t0

    hart_stack

    bnez    a0, 3f
    clear_bss 4f                        /* hart 0 */

3:  lw      t0, boot_done               /* other harts: wait for hart 0 */
    bnez    t0, 4f
    wfi                                 /* the IPI arrives through m_trap */
    j       3b

4:  call    firmware_main
    j       .
