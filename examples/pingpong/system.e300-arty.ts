/**
 * pingpong on the SiFive E300 (QEMU sifive_e): RV32, 16 KiB of RAM. Each
 * partition's code runs from the SPI flash; its 4K of RAM holds a 1K stack,
 * its data and bss. The two channels take 512 bytes each.
 *
 *   npx phase3 run examples/pingpong/system.e300-arty.ts
 */
import { boards, defineSystem } from "phase3";
import pingpong from "./system.ts";

export default defineSystem({
  ...pingpong,
  board: boards.e300Arty(),
  partitions: {
    ping: { app: "ping.c", memory: "4K", stack: "1K", hart: 0 },
    pong: { app: "pong.c", memory: "4K", stack: "1K", hart: 0 },
  },
});
