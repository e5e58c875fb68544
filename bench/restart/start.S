/* The partition's first instruction reads the instruction count; then the
 * library's usual start-up runs (as in bench/boot). */
    .section .text.start, "ax"
    .globl _start
_start:
    csrr    t6, cycle
    la      t5, start_instructions
    sd      t6, 0(t5)
    j       p3_crt0
