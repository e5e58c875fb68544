/* caller: times single calls, then a partition switch with partner. */
#include <phase3.h>
#include "../common/bench.h"

#define N 10000

int main(void)
{
    volatile uint32_t *flag = p3_shm(P3_SHM_BOARD, 0);
    char byte = 'x';

    BENCH_PER_OP("null_hypercall", N, p3_version());
    BENCH_PER_OP("now", N, p3_now());
    BENCH_PER_OP("write_1_byte_no_newline", N, p3_write(&byte, 1));
    p3_write("\n", 1);
    BENCH_PER_OP("bad_pointer_rejected", N, p3_write((void *)0x10, 1));
    BENCH_PER_OP("wait_nothing_ready_past_deadline", N, p3_wait(0, 0));

    /* partner yields back at once: each of our yields is two switches */
    flag[0] = 1;
    uint64_t empty0 = bench_cycles();
    for (int i = 0; i < N; i++)
        __asm__ volatile("" ::: "memory");
    uint64_t start = bench_cycles();
    for (int i = 0; i < N; i++)
        p3_yield();
    uint64_t end = bench_cycles();
    bench_report("partition_switch", end - start, start - empty0, 2 * N);
    flag[0] = 2;
    return 0;
}
