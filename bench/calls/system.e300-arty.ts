/**
 * The calls benchmark on the SiFive E300 (QEMU sifive_e): microkernel mode on
 * RV32, code executed in place from the SPI flash, 16 KiB of RAM.
 */
import { boards, defineSystem } from "phase3";
import base from "./system.ts";

export default defineSystem({
  ...base,
  board: boards.e300Arty(),
  partitions: {
    caller: { app: "caller.c", memory: "4K", stack: "1K", hart: 0 },
    partner: { app: "partner.c", memory: "4K", stack: "1K", hart: 0 },
  },
});
