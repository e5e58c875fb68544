/**
 * The hypercall fuzzer's system in microkernel mode: `fuzzer` (fuzzer.c, the
 * U-mode twin of ../fuzzer.c) on hart 0 beside ping_a, whose messages to
 * pong_a on hart 1 must all arrive intact, and `feeder` (../feeder.c, hart 1),
 * which keeps messages waiting for the fuzzer. The fuzzer also sends noise
 * to pong_a, owns the RTC, and shares two regions. It is the first partition,
 * so the kernel's reserve lies right below its RAM.
 * test/integration/hostile-microkernel.test.ts builds it with a seed and a
 * call count, as ../run-fuzz.ts does the hypervisor's.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "fuzz_mk",
  board: boards.qemuVirt({ harts: 2, ram: "64M", h: false }),
  partitions: {
    fuzzer: { app: "fuzzer.c", memory: "64K", hart: 0, devices: ["rtc"] },
    ping_a: { app: "../exchange.c", memory: "64K", hart: 0 },
    pong_a: { app: "../exchange.c", memory: "64K", hart: 1 },
    feeder: { app: "../feeder.c", memory: "64K", hart: 1 },
  },
  channels: {
    pair_a: { from: "ping_a", to: "pong_a", msgSize: 64, depth: 16 },
    noise: { from: "fuzzer", to: "pong_a", msgSize: 8, depth: 4 },
    feed: { from: "feeder", to: "fuzzer", msgSize: 32, depth: 4 },
  },
  shared: {
    done: { size: "4K", access: { pong_a: "rw", fuzzer: "r" } },
    fz_state: { size: "4K", access: { fuzzer: "rw", feeder: "r" } },
  },
});
