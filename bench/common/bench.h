/*
 * Measuring in benchmark apps. Under QEMU -icount shift=0 the cycle counter
 * reads the number of instructions retired since reset (all harts
 * together), so a figure is an exact instruction count.
 *
 * BENCH_PER_OP(name, n, body) times n runs of `body` and n runs of an empty
 * loop, and prints "bench <name> <instructions per run> instructions": the
 * line the harness (sim/bench) collects.
 */
#ifndef BENCH_H
#define BENCH_H

#include <phase3.h>

static inline uint64_t bench_cycles(void)
{
    uint64_t c;
    __asm__ volatile("csrr %0, cycle" : "=r"(c) :: "memory");
    return c;
}

static inline void bench_report(const char *name, uint64_t total, uint64_t empty, uint64_t n)
{
    uint64_t work = total > empty ? total - empty : 0;
    p3_printf("bench %s %lu instructions\n", name, (unsigned long)((work + n / 2) / n));
}

#define BENCH_PER_OP(name, n, body)                                       \
    do {                                                                  \
        uint64_t bench_t0 = bench_cycles();                               \
        for (uint64_t bench_i = 0; bench_i < (n); bench_i++)              \
            __asm__ volatile("" ::: "memory");                            \
        uint64_t bench_t1 = bench_cycles();                               \
        for (uint64_t bench_i = 0; bench_i < (n); bench_i++) {            \
            body;                                                         \
            __asm__ volatile("" ::: "memory");                            \
        }                                                                 \
        uint64_t bench_t2 = bench_cycles();                               \
        bench_report((name), bench_t2 - bench_t1, bench_t1 - bench_t0, (n)); \
    } while (0)

#endif
