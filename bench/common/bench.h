/*
 * Measuring in benchmark apps. Under QEMU -icount shift=0 the cycle counter
 * reads QEMU's virtual clock, which advances one nanosecond per instruction
 * retired (on every hart together), so a difference of two reads is an exact
 * instruction count.
 *
 * Apps report raw counts and the harness (sim/bench/figures.ts) does the
 * arithmetic, so that it is done, and tested, in one place:
 *
 *   bench <name> loop <n> <total> <empty> <unit>
 *
 * says that n operations took `total` and the same n with nothing in them
 * took `empty`; the figure is (total - empty) / n, rounded to the nearest.
 * A figure an app computes itself may still be printed whole:
 *
 *   bench <name> <value> <unit>
 *
 * BENCH_PER_OP(name, n, body) times n runs of `body` against n runs of an
 * empty loop and prints the first form. For latencies (from an instant in one
 * place to an instant in another) an app sums n intervals between two counter
 * reads and calls bench_print_intervals(), whose "empty" is n intervals
 * between two reads with nothing between them.
 */
#ifndef BENCH_H
#define BENCH_H

#include <phase3.h>

static inline uint64_t bench_cycles(void)
{
#if __riscv_xlen == 32
    /* RV32: high half, low half, high half again, until no carry came between */
    uint32_t hi, lo, again;
    do {
        __asm__ volatile("csrr %0, cycleh\n\tcsrr %1, cycle\n\tcsrr %2, cycleh" : "=r"(hi), "=r"(lo), "=r"(again) :: "memory");
    } while (hi != again);
    return ((uint64_t)hi << 32) | lo;
#else
    uint64_t c;
    __asm__ volatile("csrr %0, cycle" : "=r"(c) :: "memory");
    return c;
#endif
}

struct bench_loop {
    uint64_t n, total, empty;
};

static inline void bench_print(const char *name, struct bench_loop r)
{
    p3_printf("bench %s loop %lu %lu %lu instructions\n", name, (unsigned long)r.n, (unsigned long)r.total,
              (unsigned long)r.empty);
}

/* What two back-to-back reads of the counter differ by: the "empty" interval. */
static inline uint64_t bench_empty_interval(void)
{
    uint64_t a = bench_cycles();
    uint64_t b = bench_cycles();
    return b - a;
}

/* n intervals between two counter reads summed to `total`. */
static inline void bench_print_intervals(const char *name, uint64_t n, uint64_t total)
{
    bench_print(name, (struct bench_loop){ n, total, n * bench_empty_interval() });
}

/* n runs of `body` against n runs of nothing: a struct bench_loop. */
#define BENCH_MEASURE(n, body)                                            \
    ({                                                                    \
        uint64_t bench_t0 = bench_cycles();                               \
        for (uint64_t bench_i = 0; bench_i < (n); bench_i++)              \
            __asm__ volatile("" ::: "memory");                            \
        uint64_t bench_t1 = bench_cycles();                               \
        for (uint64_t bench_i = 0; bench_i < (n); bench_i++) {            \
            body;                                                         \
            __asm__ volatile("" ::: "memory");                            \
        }                                                                 \
        uint64_t bench_t2 = bench_cycles();                               \
        (struct bench_loop){ (n), bench_t2 - bench_t1, bench_t1 - bench_t0 }; \
    })

#define BENCH_PER_OP(name, n, body) bench_print((name), BENCH_MEASURE((n), body))

#endif
