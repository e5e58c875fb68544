/**
 * hello on a NEORV32 soft core (v1.10.9): RV32IMC with user mode and PMP,
 * no S or H, so the same apps run in microkernel mode. Code goes to the
 * instruction memory (IMEM: the kernel's 32K, then a code window per app),
 * data to the data memory (DMEM: the kernel's 4K, then 4K per partition for
 * its data and stack). Synthesize IMEM_SIZE and DMEM_SIZE this big.
 *
 * There is no QEMU model: this builds an image for the bootloader.
 *
 *   npx phase3 build examples/hello/system.neorv32.ts
 *   npx phase3 flash examples/hello/system.neorv32.ts --board neorv32 --dry-run
 */
import { boards, defineSystem } from "phase3";
import hello from "./system.ts";

export default defineSystem({
  ...hello,
  board: boards.neorv32({ imem: "64K", dmem: "16K" }),
  partitions: {
    ping: { app: "ping.c", memory: "4K", stack: "1K", hart: 0 },
    pong: { app: "pong.c", memory: "4K", stack: "1K", hart: 0 },
  },
});
