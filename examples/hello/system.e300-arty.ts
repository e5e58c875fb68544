/**
 * hello on the SiFive Freedom E300 on an Arty A7 (QEMU's sifive_e machine):
 * RV32, no S or H, 16 KiB of RAM. The same apps run in microkernel mode,
 * their code from the SPI flash, each with 4K of RAM for its data and stack.
 *
 *   npx phase3 run examples/hello/system.e300-arty.ts
 *   npx phase3 flash examples/hello/system.e300-arty.ts --board e300-arty --dry-run
 */
import { boards, defineSystem } from "phase3";
import hello from "./system.ts";

export default defineSystem({
  ...hello,
  board: boards.e300Arty(),
  partitions: {
    ping: { app: "ping.c", memory: "4K", stack: "1K", hart: 0 },
    pong: { app: "pong.c", memory: "4K", stack: "1K", hart: 0 },
  },
});
