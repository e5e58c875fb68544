/*
 * worker: runs bench/common/workload.h's workload as a partition that shares
 * its hart with an idle partition and the scheduler's 1 ms tick, and times
 * it from start to end, interruptions included: the figure compares with
 * the same workload bare metal (bench/floor's workload_bare).
 */
#include <phase3.h>
#include "../common/bench.h"
#include "../common/workload.h"

static uint8_t buf[WORKLOAD_BYTES];

int main(void)
{
    workload_fill(buf);
    uint64_t t0 = bench_cycles();
    uint64_t t1 = bench_cycles();
    uint32_t sum = workload_run(buf);
    uint64_t t2 = bench_cycles();
    p3_notify(P3_CHAN_DONE);
    bench_print("workload_in_partition", (struct bench_loop){ 1, t2 - t1, t1 - t0 });
    p3_printf("# workload checksum %08x\n", (unsigned)sum);
    return 0;
}
