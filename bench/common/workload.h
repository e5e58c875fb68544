/*
 * The compute-bound workload that bench/overhead runs as a partition and
 * bench/floor runs bare metal: a Fletcher-style checksum over a buffer,
 * many times over. Integer only, no calls, no memory but its buffer: the
 * same instructions wherever it runs, so the difference between the two
 * counts is what running as a partition costs (the scheduler's tick).
 * Included by both, compiled with the same -march and -O2.
 */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stdint.h>

#define WORKLOAD_BYTES 4096
#define WORKLOAD_ROUNDS 1000

static void workload_fill(uint8_t *buf)
{
    uint32_t x = 0x12345678;
    for (int i = 0; i < WORKLOAD_BYTES; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
}

static __attribute__((noinline)) uint32_t workload_run(const uint8_t *buf)
{
    uint32_t a = 1, b = 0;
    for (int round = 0; round < WORKLOAD_ROUNDS; round++) {
        for (int i = 0; i < WORKLOAD_BYTES; i++) {
            a = (a + buf[i]) % 65521u;
            b = (b + a) % 65521u;
        }
        a ^= (uint32_t)round;
    }
    return b << 16 | a;
}

#endif
