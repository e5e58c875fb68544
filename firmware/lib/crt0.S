/*
 * App entry: the hypervisor starts a partition here with interrupts off and
 * a0 = its partition id. Set up gp and sp, clear .bss, run the app.
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
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    STORE   zero, 0(t0)
    addi    t0, t0, REGBYTES
    j       1b
2:  call    p3_start
    j       .
