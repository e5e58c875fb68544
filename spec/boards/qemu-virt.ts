/**
 * QEMU `virt`: the generic RISC-V virtual machine.
 *
 * Source: QEMU 7.2 hw/riscv/virt.c (virt_memmap) and the device tree QEMU
 * itself generates (`-machine virt,dumpdtb=virt.dtb`):
 *
 *   0x00100000  test finisher (sifive,test0)        4K
 *   0x00101000  goldfish RTC                 irq 11  4K
 *   0x02000000  CLINT (mtime, mtimecmp, msip)       64K
 *   0x0c000000  PLIC, 96 sources                     6M
 *               (with aia=aplic: the M-level APLIC, and the S-level APLIC
 *               at 0x0d000000, 32K each; M delegates sources 1-96 to S)
 *   0x10000000  UART0 ns16550a               irq 10  256 bytes, 3.6864 MHz clock
 *   0x10001000  virtio-mmio 0..7          irq 1..8  4K each
 *   0x80000000  DRAM (the -m size); the reset vector at 0x1000 jumps here
 *
 * The timebase is 10 MHz. `-cpu rv64` has the H extension and Sstc.
 */
import type { BoardProblem, BoardProfile } from "./profile.ts";
import { parseSize, type Size } from "../units.ts";

export interface QemuVirtOptions {
  /** Number of harts (QEMU `-smp`), 1 to 8. Default 1. */
  harts?: number;
  /** RAM size (QEMU `-m`), e.g. "256M". Default "128M". */
  ram?: Size;
  /**
   * Whether the harts have the hypervisor extension. With `true` (the
   * default) Phase3 runs in hypervisor mode; with `false` in microkernel mode.
   */
  h?: boolean;
  /**
   * Use the Advanced Interrupt Architecture's APLIC (QEMU `aia=aplic`, direct
   * delivery) instead of the PLIC. Default false.
   */
  aia?: boolean;
}

/** The devices of QEMU virt, by the names a partition's `devices` list uses. */
export type QemuVirtDevice =
  | "uart0"
  | "rtc"
  | "plic"
  | "aplic_m"
  | "aplic"
  | "clint"
  | "test"
  | "virtio0"
  | "virtio1"
  | "virtio2"
  | "virtio3"
  | "virtio4"
  | "virtio5"
  | "virtio6"
  | "virtio7";

/** The most harts Phase3 runs QEMU virt with. */
export const QEMU_VIRT_MAX_HARTS = 8;

export type QemuVirtBoard = BoardProfile<QemuVirtDevice>;

const RAM_BASE = 0x8000_0000;
const MiB = 1024 * 1024;

/**
 * Where QEMU puts the device tree it generates: the last 2 MiB-aligned slot
 * below the end of RAM or 3 GiB, whichever is lower (hw/riscv/boot.c,
 * riscv_compute_fdt_addr). An image that loads there makes QEMU refuse to start.
 */
function qemuDeviceTreeSlot(ramSize: number): { base: number; size: number } {
  const end = Math.min(RAM_BASE + ramSize, 3072 * MiB);
  const base = Math.floor((end - 1) / (2 * MiB)) * 2 * MiB;
  return { base, size: Math.min(2 * MiB, RAM_BASE + ramSize - base) };
}

/**
 * QEMU's generic `virt` machine, RV64, 1 to 8 harts, with or without the H extension.
 *
 * @example
 * board: boards.qemuVirt({ harts: 2, ram: "256M" })
 */
export function qemuVirt(options: QemuVirtOptions = {}): QemuVirtBoard {
  const problems: BoardProblem[] = [];
  const harts = options.harts ?? 1;
  if (!Number.isInteger(harts) || harts < 1 || harts > QEMU_VIRT_MAX_HARTS) {
    problems.push({ option: "harts", message: `harts must be a whole number from 1 to ${QEMU_VIRT_MAX_HARTS} (QEMU virt's limit here), not ${String(harts)}` });
  }
  const ram = parseSize(options.ram ?? "128M");
  if (!ram.ok) problems.push({ option: "ram", message: ram.message });
  const h = options.h ?? true;
  const aia = options.aia ?? false;
  const ramSize = ram.ok ? ram.value : 0;

  return {
    kind: "board",
    name: h ? "qemu-virt" : "qemu-virt-noh",
    description: `QEMU virt, ${harts} hart(s), RV64 ${h ? "with" : "without"} the hypervisor extension, ${aia ? "APLIC" : "PLIC"}`,
    source: "QEMU 7.2 hw/riscv/virt.c virt_memmap and its generated device tree",
    isa: {
      xlen: 64,
      march: "rv64imac_zicsr_zifencei",
      mabi: "lp64",
      extensions: h ? ["m", "a", "c", "f", "d", "h", "s", "u", "zicsr", "zifencei", "sstc"] : ["m", "a", "c", "f", "d", "s", "u", "zicsr", "zifencei", "sstc"],
    },
    harts,
    memory: {
      ram: { base: RAM_BASE, size: ramSize },
      reserved: ramSize > 0 ? [{ ...qemuDeviceTreeSlot(ramSize), reason: "QEMU writes its device tree here at reset" }] : [],
    },
    timebaseHz: 10_000_000,
    devices: {
      test: { kind: "sifive-test", base: 0x0010_0000, size: 0x1000, irqs: [] },
      rtc: { kind: "goldfish-rtc", base: 0x0010_1000, size: 0x1000, irqs: [11] },
      clint: { kind: "clint", base: 0x0200_0000, size: 0x1_0000, irqs: [] },
      ...(aia
        ? {
            aplic_m: { kind: "aplic-m" as const, base: 0x0c00_0000, size: 0x8000, irqs: [], sources: 96 },
            aplic: { kind: "aplic" as const, base: 0x0d00_0000, size: 0x8000, irqs: [], sources: 96 },
          }
        : { plic: { kind: "plic" as const, base: 0x0c00_0000, size: 0x60_0000, irqs: [], contexts: { perHart: 2, machine: 0, supervisor: 1 } } }),
      uart0: { kind: "ns16550", base: 0x1000_0000, size: 0x100, irqs: [10], regShift: 0, clockHz: 3_686_400 },
      virtio0: { kind: "virtio-mmio", base: 0x1000_1000, size: 0x1000, irqs: [1] },
      virtio1: { kind: "virtio-mmio", base: 0x1000_2000, size: 0x1000, irqs: [2] },
      virtio2: { kind: "virtio-mmio", base: 0x1000_3000, size: 0x1000, irqs: [3] },
      virtio3: { kind: "virtio-mmio", base: 0x1000_4000, size: 0x1000, irqs: [4] },
      virtio4: { kind: "virtio-mmio", base: 0x1000_5000, size: 0x1000, irqs: [5] },
      virtio5: { kind: "virtio-mmio", base: 0x1000_6000, size: 0x1000, irqs: [6] },
      virtio6: { kind: "virtio-mmio", base: 0x1000_7000, size: 0x1000, irqs: [7] },
      virtio7: { kind: "virtio-mmio", base: 0x1000_8000, size: 0x1000, irqs: [8] },
    },
    console: "uart0",
    interruptController: aia ? "aplic" : "plic",
    timer: "clint",
    exitDevice: "test",
    resetVector: 0x8000_0000,
    pmp: { entries: 16, granularity: 4 },
    emulator: { system: "riscv64", machine: "virt", cpu: h ? "rv64" : "rv64,h=false", machineProps: aia ? ["aia=aplic"] : [] },
    options,
    problems,
  };
}
