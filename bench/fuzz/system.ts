/**
 * The long fuzz run for `npm run bench`: test/hostile/fuzz.ts with a million
 * calls (long.c). It prints "bench fuzz_calls 1000000 calls" and ends with
 * status 0 only if every invariant held (see test/hostile/fuzzer.c).
 *
 * The hypercall fuzzer's system: `fuzzer` (fuzzer.c), one vCPU on each hart,
 * beside ping_a, whose messages to pong_a on hart 1 must all arrive intact, and
 * `feeder` (hart 1), which keeps messages waiting for the fuzzer. The
 * fuzzer also sends noise to pong_a, owns the RTC, and shares two regions.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "fuzz_long",
  board: boards.qemuVirt({ harts: 2, ram: "64M" }),
  partitions: {
    fuzzer: { app: "long.c", memory: "64K", hart: [0, 1], devices: ["rtc"] },
    ping_a: { app: "../../test/hostile/exchange.c", memory: "64K", hart: 0 },
    pong_a: { app: "../../test/hostile/exchange.c", memory: "64K", hart: 1 },
    feeder: { app: "../../test/hostile/feeder.c", memory: "64K", hart: 1 },
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
