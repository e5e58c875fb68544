/**
 * The console's line format: the contract between the firmware, which prints
 * every partition's output and its own events on the board's one UART
 * (firmware/core/console.c, trace.c), and the runner that splits them back
 * apart (sim/console.ts).
 *
 *   [name] text      a partition's line, prefixed by the firmware
 *   [phase3] text    the firmware's own line; some are events (below)
 *   \x1e...          a trace record (trace builds, firmware/core/trace.h)
 */
import { SYSTEM_STATUS } from "./status.ts";

/** The firmware's own prefix (a partition may not be named "phase3"). */
export const FIRMWARE_PREFIX = "phase3";

/** The marker that starts a trace record on the console. */
export const TRACE_MARKER = "\x1e";

export type ConsoleEvent =
  | { type: "exit"; partition: string; code: number }
  | { type: "fault"; partition: string; cause: string }
  | { type: "stopped"; partition: string; policy: string }
  | { type: "restart"; partition: string; detail: string }
  | { type: "system-status"; status: number };

/** The firmware lines that are events, as firmware/core/partition.c and arch/riscv/trap.c print them. */
export const EVENT_LINES: readonly [RegExp, (m: RegExpExecArray) => ConsoleEvent][] = [
  [/^partition (\w+) exited with code (-?\d+)$/, (m) => ({ type: "exit", partition: m[1], code: Number(m[2]) })],
  [/^fault in partition (\w+): (.+)$/, (m) => ({ type: "fault", partition: m[1], cause: m[2] })],
  [/^partition (\w+) stopped \(policy: ([^)]+)\)$/, (m) => ({ type: "stopped", partition: m[1], policy: m[2] })],
  // the restart policy's line; whatever follows the verb (a count, a reason) is kept as detail
  [/^partition (\w+) restarted\b\s*(.*)$/, (m) => ({ type: "restart", partition: m[1], detail: m[2] })],
  [/^all partitions have stopped: system status (\d+)$/, (m) => ({ type: "system-status", status: Number(m[1]) })],
  // the last lines of a halt policy and of a firmware fault
  [/^system halted: status (\d+)$/, (m) => ({ type: "system-status", status: Number(m[1]) })],
  [/^firmware fault: /, () => ({ type: "system-status", status: SYSTEM_STATUS.PANIC })],
];
