/*
 * Assembly both modes' entries share (hyp/hs_entry.S, mk/entry.S): finding
 * a hart's stack and clearing .bss. Only for .S files.
 */
#ifndef ARCH_ENTRY_H
#define ARCH_ENTRY_H

#ifdef __ASSEMBLER__
#include <arch/regs.h>
#include <sched_layout.h>

/* sp = the top of hart a0's stack, with its struct hart above:
 * hart_areas + (a0 + 1) * HART_AREA_SIZE - HART_STATE_SIZE. Adds instead of
 * multiplying, so it needs no M extension. Clobbers t0 and t1. */
.macro hart_stack
    la      sp, hart_areas
    li      t1, HART_AREA_SIZE
    mv      t0, a0
.Lhart_stack\@:
    add     sp, sp, t1
    addi    t0, t0, -1
    bgez    t0, .Lhart_stack\@
    addi    sp, sp, -HART_STATE_SIZE
.endm

/* Zeroes [__bss_start, __bss_end) a word at a time, then branches to
 * `done`. Clobbers t0 and t1. */
.macro clear_bss done
    la      t0, __bss_start
    la      t1, __bss_end
.Lclear_bss\@:
    bgeu    t0, t1, \done
    STORE   zero, 0(t0)
    addi    t0, t0, REGBYTES
    j       .Lclear_bss\@
.endm
#endif

#endif /* ARCH_ENTRY_H */
