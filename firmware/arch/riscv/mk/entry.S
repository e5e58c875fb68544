/*
 * Microkernel entry: the first code after reset, on every hart, in M-mode.
 * (QEMU virt's reset ROM jumps here with a0 = hartid; the E300's mask ROM
 * jumps into the flash with nothing in a0, so the hart id comes from
 * mhartid.) The kernel stays in M-mode: partitions run in U-mode, and every
 * trap of theirs arrives at trap_entry.
 *
 * Harts the spec does not use park. Hart 0 copies .data to RAM from where it
 * was loaded (the flash, on boards that execute from it) and clears .bss;
 * the others wait for boot_done. Then each calls firmware_main() on its own
 * stack, at whose top its struct hart sits.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/entry.h>

    .section .text.entry, "ax"
    .globl _start
_start:
    csrw    CSR_MIE, zero
    csrr    a0, CSR_MHARTID
    li      t0, P3_NUM_HARTS
    bgeu    a0, t0, park                /* a hart the spec does not use */
    csrw    CSR_MSCRATCH, zero          /* 0 while in the kernel: see trap_entry */
    la      t0, trap_entry
    csrw    CSR_MTVEC, t0               /* direct mode: every trap at trap_entry */

    hart_stack

    bnez    a0, 5f
    la      t0, __data_start            /* hart 0: .data from its load address */
    la      t1, __data_end
    la      t2, __data_load
    beq     t0, t2, 3f                  /* linked where it was loaded: nothing to copy */
2:  bgeu    t0, t1, 3f
    LOAD    t3, 0(t2)
    STORE   t3, 0(t0)
    addi    t0, t0, REGBYTES
    addi    t2, t2, REGBYTES
    j       2b
3:  clear_bss 6f                        /* then clear .bss */

    /* Other harts: wait for hart 0's doorbell. MSIE lets it end the wfi;
     * mstatus.MIE is 0, so it never traps. */
5:  li      t0, 1 << IRQ_M_SOFT
    csrw    CSR_MIE, t0
7:  lw      t0, boot_done
    bnez    t0, 6f
    wfi
    j       7b

6:  call    firmware_main
    j       .

park:
    wfi
    j       park
