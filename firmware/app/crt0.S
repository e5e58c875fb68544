/*
 * App entry: the firmware starts a partition here with interrupts off and
 * a0 = its hart id within the partition. Set up gp and sp, copy .data from
 * where the image holds it (only where code runs from flash is that
 * elsewhere), clear .bss, run the app.
 *
 * _start is weak: an app that must run something first (the boot benchmark
 * reads the cycle counter) defines its own _start and jumps to p3_crt0.
 */
#include <arch/regs.h>

    .section .text.start, "ax"
    .weak _start
    .globl p3_crt0
_start:
p3_crt0:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      t0, __data_start
    la      t1, __data_end
    la      t2, __data_load
    beq     t0, t2, 2f
1:  bgeu    t0, t1, 2f
    LOAD    t3, 0(t2)
    STORE   t3, 0(t0)
    addi    t0, t0, REGBYTES
    addi    t2, t2, REGBYTES
    j       1b
2:  la      t0, __bss_start
    la      t1, __bss_end
3:  bgeu    t0, t1, 4f
    STORE   zero, 0(t0)
    addi    t0, t0, REGBYTES
    j       3b
4:  call    p3_start
    j       .
