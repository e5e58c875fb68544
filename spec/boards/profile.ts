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
  | "aplic" // AIA advanced PLIC, the supervisor-level domain the firmware drives
  | "aplic-m" // AIA advanced PLIC, the machine-level root domain (delegates to "aplic")
  | "sifive-test" // QEMU's test finisher: a write ends the run with a status
  | "goldfish-rtc"
  | "virtio-mmio"
  | "memory"; // plain RAM/ROM that can be granted as a device window

export interface DeviceProfile {
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
  /** A PLIC's contexts: hart h's supervisor context is h * perHart + supervisor. */
  contexts?: { perHart: number; supervisor: number };
  /** An APLIC's number of interrupt sources. */
  sources?: number;
}

export interface MemoryRange {
  base: number;
  size: number;
}

/** A part of RAM the firmware must not use, and why. */
export interface ReservedRange extends MemoryRange {
  reason: string;
}

/** How the QEMU model of this board is started (see sim/machines.ts). */
export interface EmulatorProfile {
  /** qemu-system-<system> */
  system: "riscv64" | "riscv32";
  machine: string;
  cpu?: string;
  /** Extra -machine properties, e.g. "aia=aplic-imsic". */
  machineProps?: readonly string[];
}

export interface BoardProfile<DeviceName extends string = string> {
  readonly kind: "board";
  /** Stable name, used on the command line (`--board qemu-virt`). */
  name: string;
  /** One line for people. */
  description: string;
  /** Where the memory map comes from. */
  source: string;
  isa: {
    xlen: 32 | 64;
    /** The -march the firmware is compiled for. */
    march: string;
    mabi: string;
    extensions: readonly Extension[];
  };
  harts: number;
  memory: {
    ram: MemoryRange;
    flash?: MemoryRange;
    /** Parts of RAM that something else owns at run time. */
    reserved?: readonly ReservedRange[];
  };
  /** Timebase of the `time` CSR / mtime, in Hz. */
  timebaseHz: number;
  /** The devices, by name; optional ones exist only in some variants (a PLIC or an APLIC). */
  devices: { readonly [K in DeviceName]?: DeviceProfile };
  /** Device the firmware prints on. */
  console: DeviceName;
  /** Interrupt controller, timer and run-exit devices. */
  interruptController: DeviceName;
  timer: DeviceName;
  exitDevice?: DeviceName;
  /** Where the reset vector jumps: the firmware is linked here. */
  resetVector: number;
  emulator?: EmulatorProfile;
  /** The options the board's builder was called with, for locating problems. */
  options?: object;
  /** Problems the builder found in its options; the validator reports them. */
  problems?: readonly BoardProblem[];
}

/** An option of a board builder that is wrong, found while building the profile. */
export interface BoardProblem {
  option: string;
  message: string;
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
