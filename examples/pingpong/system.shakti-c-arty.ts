/**
 * pingpong on the Shakti C-class (QEMU shakti_c): RV64 without H, so
 * microkernel mode, code and data in DDR.
 *
 *   npx phase3 run examples/pingpong/system.shakti-c-arty.ts
 */
import { boards, defineSystem } from "phase3";
import pingpong from "./system.ts";

export default defineSystem({
  ...pingpong,
  board: boards.shaktiCArty(),
  partitions: {
    ping: { app: "ping.c", memory: "64K", hart: 0 },
    pong: { app: "pong.c", memory: "64K", hart: 0 },
  },
});
