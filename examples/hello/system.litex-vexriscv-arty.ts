/**
 * hello on a LiteX SoC with a VexRiscv "secure" core on an Arty A7: RV32IMA
 * with user mode and PMP, no S or H, so the same apps run in microkernel
 * mode, each with 16K of main RAM for its code, data and stack.
 *
 * There is no QEMU model: this builds an image for the LiteX BIOS's serial
 * boot. The CSR addresses are the board's defaults; pass your build's
 * (csr.json) to boards.litexVexRiscvArty().
 *
 *   npx phase3 build examples/hello/system.litex-vexriscv-arty.ts
 *   npx phase3 flash examples/hello/system.litex-vexriscv-arty.ts --board litex-vexriscv-arty --dry-run
 */
import { boards, defineSystem } from "phase3";
import hello from "./system.ts";

export default defineSystem({
  ...hello,
  board: boards.litexVexRiscvArty(),
  partitions: {
    ping: { app: "ping.c", memory: "16K", stack: "1K", hart: 0 },
    pong: { app: "pong.c", memory: "16K", stack: "1K", hart: 0 },
  },
});
