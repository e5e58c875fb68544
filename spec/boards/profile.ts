/**
 * What a board is: the facts about a SoC that Phase3 needs, as plain data.
 *
 * Adding a board is adding one of these. Every address comes from the SoC's
 * published memory map, named in the profile's `source`.
 */
import type { FlashFlow } from "./flash.ts";

/** ISA extensions Phase3 cares about (lower case, as in `riscv,isa`; "s" and "u" are
 * misa's privilege modes: supervisor and user). */
export type Extension = "m" | "a" | "c" | "f" | "d" | "h" | "s" | "u" | "zicsr" | "zifencei" | "sstc" | "smaia" | "ssaia";

/** Kinds of device a driver in `firmware/platform` understands. */
export type DeviceKind =
  | "ns16550" // 16550-compatible UART
  | "sifive-uart" // SiFive UART (E300, FU540)
  | "shakti-uart" // Shakti SoC UART
  | "neorv32-uart" // NEORV32 UART0/UART1
  | "litex-uart" // LiteX UART behind CSRs (rxtx, txfull, rxempty, events)
  | "litex-timer" // LiteX timer0 behind CSRs (load, reload, en, value, events)
  | "vexriscv-intc" // VexRiscv's interrupt controller: custom CSRs 0xBC0 (mask) and 0xFC0 (pending), no MMIO
  | "neorv32-xirq" // NEORV32 external interrupt controller, feeding a fast interrupt line
  | "plic" // platform-level interrupt controller
  | "clint" // core-local interruptor (mtime, mtimecmp, msip)
  | "aplic" // AIA advanced PLIC, the supervisor-level domain the firmware drives
  | "aplic-m" // AIA advanced PLIC, the machine-level root domain (delegates to "aplic")
  | "sifive-test" // QEMU's test finisher: a write ends the run with a status
  | "goldfish-rtc"
  | "virtio-mmio"
  | "memory"; // plain RAM/ROM that can be granted as a device window

/** Every device kind, for checking a hand-made profile at run time. */
export const DEVICE_KINDS: readonly DeviceKind[] = Object.keys({
  ns16550: true,
  "sifive-uart": true,
  "shakti-uart": true,
  "neorv32-uart": true,
  "litex-uart": true,
  "litex-timer": true,
  "vexriscv-intc": true,
  "neorv32-xirq": true,
  plic: true,
  clint: true,
  aplic: true,
  "aplic-m": true,
  "sifive-test": true,
  "goldfish-rtc": true,
  "virtio-mmio": true,
  memory: true,
} satisfies Record<DeviceKind, true>) as DeviceKind[];

/**
 * The device kinds the firmware has drivers for, by the role the board gives
 * the device. A board whose console, timer or exit device is of another kind
 * needs a driver first (firmware/platform). Pairings the roles do not say:
 * "litex-timer" raises its interrupt as a line of "vexriscv-intc", whose
 * driver leaves that line to the timer's; "neorv32-uart" has no console
 * input (its interrupt is not a line of "neorv32-xirq").
 */
export const FIRMWARE_DRIVERS: { readonly [role in "console" | "timer" | "interruptController" | "exitDevice"]: readonly DeviceKind[] } = {
  console: ["ns16550", "sifive-uart", "shakti-uart", "neorv32-uart", "litex-uart"],
  interruptController: ["plic", "aplic", "neorv32-xirq", "vexriscv-intc"],
  timer: ["clint", "litex-timer"],
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
  /** A PLIC's contexts: hart h's machine context is h * perHart + machine, its supervisor one h * perHart + supervisor. */
  contexts?: {
    /** Contexts each hart has (2 on QEMU virt: M and S; 1 on the E300: M). */
    perHart: number;
    /** Which of a hart's contexts is its machine-mode one (the microkernel's). */
    machine: number;
    /** Which of a hart's contexts is its supervisor-mode one (the hypervisor's); none on a hart without S. */
    supervisor?: number;
  };
  /** An APLIC's number of interrupt sources. */
  sources?: number;
  /** An interrupt controller that raises another hart interrupt than the external one: its cause number (NEORV32's XIRQ: fast interrupt 8, cause 24). */
  hartInterrupt?: number;
}

/** The firmware's driver of a device kind: firmware/platform/<kind, with _ for ->.c. */
export function driverSource(kind: DeviceKind): string {
  return `platform/${kind.replace(/-/g, "_")}.c`;
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
  /**
   * How QEMU takes the image: "bios" replaces the machine's firmware (virt
   * starts it in M-mode at its reset vector); "kernel" for machines that have
   * no firmware slot and load an ELF where it was linked (sifive_e ignores -bios).
   * Default "bios".
   */
  load?: "bios" | "kernel";
}

export interface PmpProfile {
  /** Number of pmpaddr/pmpcfg entries the hart implements. */
  entries: number;
  /** Smallest region a single entry can protect, in bytes (4 means any word-aligned range). */
  granularity: number;
  /**
   * The hart matches NAPOT entries only (VexRiscv's PmpPlugin): a range that
   * needs a TOR entry (a size that is not a power of two, or not aligned to
   * it) cannot be protected there.
   */
  napotOnly?: boolean;
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
    /** Flash the image is written to, or memory-mapped flash, on boards that have it. */
    flash?: MemoryRange;
    /**
     * Where code is loaded and runs when that is not RAM: execute-in-place
     * flash (E300) or a separate instruction memory (NEORV32's IMEM).
     */
    code?: MemoryRange;
    /** Parts of RAM that something else owns at run time. */
    reserved?: readonly ReservedRange[];
  };
  /** Timebase of the `time` CSR / mtime, in Hz. */
  timebaseHz: number;
  /** Every device, by the name a partition's `devices` list uses; some exist only in some variants (a PLIC or an APLIC). */
  devices: { readonly [K in DeviceName]?: DeviceProfile };
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
  /** Physical memory protection, for microkernel mode: how many entries, and their smallest region in bytes. */
  pmp?: PmpProfile;
  /**
   * How an image is written to the board, in order of preference: the first
   * is what `phase3 flash` uses unless `--board <name>:<flow>` picks another.
   * A board without flows (a QEMU machine) is run, not flashed.
   */
  flash?: readonly FlashFlow[];
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

/** A soft core's clock option: a whole number of hertz above 0 (the fallback when absent); a wrong one is a problem the validator reports. */
export function clockOption(value: number | undefined, fallback: number, problems: BoardProblem[]): number {
  const clockHz = value ?? fallback;
  if (!Number.isInteger(clockHz) || clockHz <= 0) problems.push({ option: "clockHz", message: `clockHz must be a whole number of hertz above 0, not ${String(value)}` });
  return clockHz;
}

export function isBoardProfile(value: unknown): value is BoardProfile {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "board";
}

/** A board's devices that exist in this variant, by name. */
export function deviceEntries(board: BoardProfile): [string, DeviceProfile][] {
  return Object.entries(board.devices).filter((e): e is [string, DeviceProfile] => e[1] !== undefined);
}

/** A device the board names for a role (console, timer, interrupt controller): always present. */
export function boardDevice(board: BoardProfile, name: string): DeviceProfile {
  const device = board.devices[name];
  if (!device) throw new Error(`board ${board.name} names device "${name}" but does not have it`);
  return device;
}
