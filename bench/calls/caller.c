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
    /* Bytes without a newline stay in the hypervisor's line buffer (120
     * bytes): time them 100 at a time and end each line outside the
     * measurement. Console output must never be inside one: the UART's
     * transmit-ready bit follows how fast the host reads QEMU's output, so
     * the hypervisor's polling of it would make counts vary from run to run. */
    struct bench_loop write = { 0, 0, 0 };
    for (int k = 0; k < N / 100; k++) {
        struct bench_loop part = BENCH_MEASURE(100, p3_write(&byte, 1));
        p3_write("\n", 1);
        write.n += part.n;
        write.total += part.total;
        write.empty += part.empty;
    }
    bench_print("write_1_byte_no_newline", write);
    BENCH_PER_OP("bad_pointer_rejected", N, p3_write((void *)0x10, 1));
    BENCH_PER_OP("wait_nothing_ready_past_deadline", N, p3_wait(0, 0));

    /* partner yields back at once: each of our yields is two switches */
    flag[0] = 1;
    struct bench_loop yields = BENCH_MEASURE(N, p3_yield());
    yields.n = 2 * N;        /* (total - empty) / n: per switch */
    bench_print("partition_switch", yields);
    flag[0] = 2;
    return 0;
}
