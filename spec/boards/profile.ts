/**
 * What a board is: the facts about a SoC that Phase3 needs, as plain data.
 *
 * Adding a board is adding one of these. Every address comes from the SoC's
 * published memory map, named in the profile's `source`.
 */

/** ISA extensions Phase3 cares about (lower case, as in `riscv,isa`). */
export type Extension = "m" | "a" | "c" | "f" | "d" | "h" | "zicsr" | "zifencei" | "sstc" | "smaia" | "ssaia";

/** Kinds of device a driver in `firmware/platform` understands. */
export type DeviceKind =
  | "ns16550" // 16550-compatible UART
  | "sifive-uart" // SiFive UART (E300, FU540)
  | "plic" // platform-level interrupt controller
  | "clint" // core-local interruptor (mtime, mtimecmp, msip)
  | "aplic" // AIA advanced PLIC
  | "sifive-test" // QEMU's test finisher: a write ends the run with a status
  | "goldfish-rtc"
  | "virtio-mmio"
  | "memory"; // plain RAM/ROM that can be granted as a device window

/** Every device kind, for checking a hand-made profile at run time. */
export const DEVICE_KINDS: readonly DeviceKind[] = Object.keys({
  ns16550: true,
  "sifive-uart": true,
  plic: true,
  clint: true,
  aplic: true,
  "sifive-test": true,
  "goldfish-rtc": true,
  "virtio-mmio": true,
  memory: true,
} satisfies Record<DeviceKind, true>) as DeviceKind[];

/**
 * The device kinds the firmware has drivers for, by the role the board gives
 * the device. A board whose console, timer or exit device is of another kind
 * needs a driver first (firmware/platform).
 */
export const FIRMWARE_DRIVERS: { readonly [role in "console" | "timer" | "exitDevice"]: readonly DeviceKind[] } = {
  console: ["ns16550"],
  timer: ["clint"],
  exitDevice: ["sifive-test"],
};

/** A device on the board: its MMIO window and its interrupt lines. */
export interface DeviceProfile {
  /** What the device is, so that the firmware knows which driver serves it. */
  kind: DeviceKind;
  /** Physical base address of the MMIO window. */
  base: number;
  /** Size of the MMIO window in bytes. */
  size: number;
  /** Interrupt lines at the board's interrupt controller. */
  irqs: readonly number[];
  /** Register spacing as a shift (ns16550 on CVA6 uses 2: 32-bit registers). */
  regShift?: number;
  /** Input clock in Hz where the driver needs it (UART divisors). */
  clockHz?: number;
}

/** A range of physical addresses. */
export interface MemoryRange {
  /** First address. */
  base: number;
  /** Size in bytes. */
  size: number;
}

/** A part of RAM the firmware must not use, and why. */
export interface ReservedRange extends MemoryRange {
  /** Who owns it and why, for messages and the report. */
  reason: string;
}

/** How the QEMU model of this board is started (see sim/machines.ts). */
export interface EmulatorProfile {
  /** qemu-system-<system> */
  system: "riscv64" | "riscv32";
  /** -machine, e.g. "virt". */
  machine: string;
  /** -cpu, e.g. "rv64,h=false". Default: QEMU's for the machine. */
  cpu?: string;
  /** Extra -machine properties, e.g. "aia=aplic-imsic". */
  machineProps?: readonly string[];
}

/** Everything Phase3 needs to know about a SoC; `DeviceName` is the union of its device names. */
export interface BoardProfile<DeviceName extends string = string> {
  /** Marks the value as a board profile. */
  readonly kind: "board";
  /** Stable name, used on the command line (`--board qemu-virt`). */
  name: string;
  /** One line for people. */
  description: string;
  /** Where the memory map comes from. */
  source: string;
  /** The harts' instruction set. */
  isa: {
    /** Register width in bits. */
    xlen: 32 | 64;
    /** The -march the firmware is compiled for. */
    march: string;
    /** The -mabi the firmware is compiled for. */
    mabi: string;
    /** The extensions the harts have; "h" decides hypervisor mode. */
    extensions: readonly Extension[];
  };
  /** Number of harts (hardware threads), numbered from 0. */
  harts: number;
  /** Where RAM and flash are. */
  memory: {
    /** Main RAM: the firmware, partitions, shared regions and page tables live here. */
    ram: MemoryRange;
    /** Flash the image is written to, on boards that boot from it. */
    flash?: MemoryRange;
    /** Parts of RAM that something else owns at run time. */
    reserved?: readonly ReservedRange[];
  };
  /** Timebase of the `time` CSR / mtime, in Hz. */
  timebaseHz: number;
  /** Every device, by the name a partition's `devices` list uses. */
  devices: { readonly [K in DeviceName]: DeviceProfile };
  /** Device the firmware prints on. */
  console: DeviceName;
  /** Interrupt controller, timer and run-exit devices. */
  interruptController: DeviceName;
  /** Timer and inter-processor interrupts (the CLINT on most boards). */
  timer: DeviceName;
  /** A device whose write ends a run with a status (QEMU's test finisher); none on real boards. */
  exitDevice?: DeviceName;
  /** Where the reset vector jumps: the firmware is linked here. */
  resetVector: number;
  /** How QEMU models the board, when it does. */
  emulator?: EmulatorProfile;
  /** The options the board's builder was called with, for locating problems. */
  options?: object;
  /** Problems the builder found in its options; the validator reports them. */
  problems?: readonly BoardProblem[];
}

/** An option of a board builder that is wrong, found while building the profile. */
export interface BoardProblem {
  /** The option's name, e.g. "harts". */
  option: string;
  /** What is wrong with it, for the validator's message. */
  message: string;
}

export function isBoardProfile(value: unknown): value is BoardProfile {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "board";
}
