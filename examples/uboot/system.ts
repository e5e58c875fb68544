/**
 * uboot: an unmodified S-mode guest beside a Phase3 app. Debian's U-Boot for
 * QEMU (package u-boot-qemu) runs in partition "uboot" with a virtual 16550
 * console and owns console input; "ticker" counts on the other hart.
 *
 *   npx phase3 run examples/uboot/system.ts
 *
 * Type U-Boot commands (version, sbi); `reset` ends the partition.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "uboot",
  board: boards.qemuVirt({ harts: 2, ram: "128M" }),
  partitions: {
    uboot: {
      // this build loads at 0x80200000, takes its device tree from a1 and drives an NS16550
      image: { file: "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin", load: 0x8020_0000 },
      memory: "32M",
      hart: 0,
      consoleInput: true,
    },
    ticker: { app: "ticker.c", memory: "64K", hart: 1 },
  },
});
