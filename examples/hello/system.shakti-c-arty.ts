/**
 * hello on the Shakti C-class on an Arty A7-100T (QEMU's shakti_c machine):
 * RV64 with S and U but no H, so microkernel mode, code and data in DDR.
 *
 *   npx phase3 run examples/hello/system.shakti-c-arty.ts
 *   npx phase3 flash examples/hello/system.shakti-c-arty.ts --dry-run
 */
import { boards, defineSystem } from "phase3";
import hello from "./system.ts";

export default defineSystem({
  ...hello,
  board: boards.shaktiCArty(),
  partitions: {
    ping: { app: "ping.c", memory: "64K", hart: 0 },
    pong: { app: "pong.c", memory: "64K", hart: 0 },
  },
});
