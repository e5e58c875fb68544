/**
 * Shakti C-class SoC on the Digilent Arty A7-100T, modelled by QEMU's
 * `shakti_c` machine.
 *
 * Source: QEMU 7.2 hw/riscv/shakti_c.c (shakti_c_memmap) and
 * include/hw/riscv/shakti_c.h, read back from the running model with
 * `info mtree`; QEMU's docs/system/riscv/shakti-c.rst for the core:
 *
 *   0x00001000  boot ROM: jumps to 0x80000000 with a0 = hartid           8K
 *   0x00011300  UART (Shakti UART; QEMU does not wire its interrupt)     4K
 *   0x02000000  CLINT (msip, mtimecmp +0x4000, mtime +0xbff8)       768K
 *   0x0c000000  PLIC, 28 sources, contexts M and S                    128K
 *   0x80000000  DDR3 (256 MiB on the Arty A7-100T; QEMU takes `-m`)
 *
 * The C-class is RV64GC with supervisor and user modes, no H: this board
 * runs Phase3's microkernel mode. The SoC runs at 50 MHz on the Arty (the
 * UART's divisor assumes it). mtime counts at 10 MHz (QEMU's ACLINT
 * default, and the timebase of Shakti's device trees). PMP: the 16 entries
 * QEMU models; a C-class bitstream may be configured with fewer.
 *
 * Flashing: the C-class debug module is reached through the FPGA's JTAG with
 * the Arty's own USB cable. The Xilinx TAP carries it in the BSCANE2 USER3
 * (dtmcs) and USER4 (dmi) instructions; openocd loads the ELF into DDR.
 */
import type { BoardProblem, BoardProfile } from "./profile.ts";
import { parseSize, type Size } from "../units.ts";

export interface ShaktiCArtyOptions {
  /** DDR size (QEMU `-m`). Default "256M", what the Arty A7-100T carries. */
  ram?: Size;
}

export type ShaktiCArtyDevice = "uart0" | "clint" | "plic";

export type ShaktiCArtyBoard = BoardProfile<ShaktiCArtyDevice>;

const DDR_BASE = 0x8000_0000;
const MAX_DDR = 256 * 1024 * 1024;

export function shaktiCArty(options: ShaktiCArtyOptions = {}): ShaktiCArtyBoard {
  const problems: BoardProblem[] = [];
  const ram = parseSize(options.ram ?? "256M");
  if (!ram.ok) problems.push({ option: "ram", message: ram.message });
  else if (ram.value === 0 || ram.value > MAX_DDR) problems.push({ option: "ram", message: `ram must be more than 0 and at most 256M (the Arty A7-100T's DDR3), not ${String(options.ram)}` });
  return {
    kind: "board",
    name: "shakti-c-arty",
    description: "Shakti C-class (RV64GC) on Arty A7-100T, code and data in DDR3",
    source: "QEMU 7.2 hw/riscv/shakti_c.c shakti_c_memmap and include/hw/riscv/shakti_c.h (and `info mtree`)",
    isa: { xlen: 64, march: "rv64imac_zicsr_zifencei", mabi: "lp64", extensions: ["m", "a", "c", "f", "d", "s", "u", "zicsr", "zifencei"] },
    harts: 1,
    memory: { ram: { base: DDR_BASE, size: ram.ok ? ram.value : 0 } },
    timebaseHz: 10_000_000,
    devices: {
      uart0: { kind: "shakti-uart", base: 0x0001_1300, size: 0x1000, irqs: [], clockHz: 50_000_000 },
      clint: { kind: "clint", base: 0x0200_0000, size: 0xc_0000, irqs: [] },
      plic: { kind: "plic", base: 0x0c00_0000, size: 0x2_0000, irqs: [], contexts: { perHart: 2, machine: 0, supervisor: 1 } },
    },
    console: "uart0",
    interruptController: "plic",
    timer: "clint",
    resetVector: DDR_BASE,
    emulator: { system: "riscv64", machine: "shakti_c" },
    pmp: { entries: 16, granularity: 4 },
    flash: [
      {
        kind: "openocd-gdb",
        name: "jtag",
        summary: "loads the ELF into DDR through the FPGA's JTAG (BSCANE2 tunnel) with openocd and gdb, over the Arty's USB cable",
        openocd: [
          "source [find interface/ftdi/digilent-hs1.cfg]",
          "adapter speed 10000",
          "transport select jtag",
          // XC7A100T; its IR is 6 bits long.
          "jtag newtap xc7 tap -irlen 6 -expected-id 0x13631093 -ignore-version",
          "target create riscv.cpu riscv -chain-position xc7.tap",
          // Xilinx 7-series user instructions: USER3 = 0x22, USER4 = 0x23.
          "riscv set_ir idcode 0x09",
          "riscv set_ir dtmcs 0x22",
          "riscv set_ir dmi 0x23",
          "init",
          "halt",
        ],
        gdbPort: 3333,
      },
    ],
    options,
    problems,
  };
}
