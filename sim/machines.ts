/**
 * Machine profiles: how a board's QEMU model is started for an image. The
 * board profile names the machine and CPU; this adds what running needs
 * (memory, harts, console on stdio, deterministic instruction counting).
 */
import type { BoardProfile } from "../spec/boards/profile.ts";
import type { ToolName } from "../generator/toolchain/resolve.ts";

export interface RunOptions {
  /** Count instructions instead of host time: deterministic, for tests and benchmarks. */
  icount?: boolean;
  /** Wait for gdb on this TCP port before the first instruction. */
  gdbPort?: number;
  /**
   * Write the console to this file instead of QEMU's stdout (no input then).
   * A file never makes the UART wait; a pipe to a slow reader can, and the
   * firmware's polling for the transmitter then retires a number of
   * instructions that depends on the host: benchmarks use a file.
   */
  consoleFile?: string;
  /**
   * Console input will come while the system runs. Under -icount QEMU 7.2
   * then needs sleep=on: with sleep=off, once every hart waits with no timer
   * armed it never reads the console again (observed with the irq fixture),
   * so the counts of idle stretches follow the host's clock instead.
   */
  takesInput?: boolean;
}

export interface QemuInvocation {
  tool: ToolName;
  args: string[];
}

function memoryArg(bytes: number): string {
  const MiB = 1024 * 1024;
  return bytes % MiB === 0 ? `${bytes / MiB}M` : `${bytes / 1024}K`;
}

/** Whether a board can be booted in QEMU at all. */
export function canEmulate(board: BoardProfile): boolean {
  return board.emulator !== undefined;
}

export function qemuInvocation(board: BoardProfile, elf: string, options: RunOptions = {}): QemuInvocation {
  const emulator = board.emulator;
  if (!emulator) throw new Error(`${board.name} has no QEMU model; build it and flash it to the board instead`);
  const machine = [emulator.machine, ...(emulator.machineProps ?? [])].join(",");
  const args = [
    "-machine", machine,
    ...(emulator.cpu ? ["-cpu", emulator.cpu] : []),
    "-smp", String(board.harts),
    "-m", memoryArg(board.memory.ram.size),
    emulator.load === "kernel" ? "-kernel" : "-bios", elf,
    "-display", "none",
    "-monitor", "none",
    "-serial", options.consoleFile ? `file:${options.consoleFile}` : "stdio",
    "-no-reboot",
  ];
  // sleep=off: when every hart waits, virtual time jumps to the next timer
  // instead of idling in real time; counts stay exact and runs stay fast.
  // -rtc clock=vm: a real-time clock device (QEMU virt's goldfish RTC) counts
  // that virtual time too, so its alarms come at an exact instruction count
  // (on the host's clock they would come whenever the host got there).
  if (options.icount) args.push("-icount", `shift=0,sleep=${options.takesInput ? "on" : "off"}`, "-rtc", "clock=vm");
  if (options.gdbPort !== undefined) args.push("-S", "-gdb", `tcp:localhost:${options.gdbPort}`);
  return { tool: emulator.system === "riscv64" ? "qemu-riscv64" : "qemu-riscv32", args };
}
