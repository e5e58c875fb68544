/**
 * Console demux: the board's one UART carries every partition's lines
 * ("[name] text", prefixed by the hypervisor) and the hypervisor's own
 * ("[phase3] text"). This splits the stream back into who said what, and
 * reads the hypervisor's structured lines (exits, faults) as events. A trace
 * build also writes trace records, lines that start with TRACE_MARKER
 * (firmware/core/trace.h): they are set apart here, never shown as output.
 */
import { SYSTEM_STATUS } from "./exit.ts";
import { TRACE_MARKER } from "./trace.ts";

export type ConsoleLine =
  | { kind: "partition"; partition: string; text: string }
  | { kind: "hypervisor"; text: string; event?: ConsoleEvent }
  | { kind: "other"; text: string }
  /** A trace record, without its marker: sim/trace.ts reads it. */
  | { kind: "trace"; text: string };

export type ConsoleEvent =
  | { type: "exit"; partition: string; code: number }
  | { type: "fault"; partition: string; cause: string }
  | { type: "stopped"; partition: string; policy: string }
  | { type: "restart"; partition: string; detail: string }
  | { type: "system-status"; status: number };

/** The hypervisor's own prefix (a partition may not be named "phase3"). */
export const HYPERVISOR_PREFIX = "phase3";

const EVENT_PATTERNS: [RegExp, (m: RegExpExecArray) => ConsoleEvent][] = [
  [/^partition (\w+) exited with code (-?\d+)$/, (m) => ({ type: "exit", partition: m[1], code: Number(m[2]) })],
  [/^fault in partition (\w+): (.+)$/, (m) => ({ type: "fault", partition: m[1], cause: m[2] })],
  [/^partition (\w+) stopped \(policy: ([^)]+)\)$/, (m) => ({ type: "stopped", partition: m[1], policy: m[2] })],
  // the restart policy's line; whatever follows the verb (a count, a reason) is kept as detail
  [/^partition (\w+) restarted\b\s*(.*)$/, (m) => ({ type: "restart", partition: m[1], detail: m[2] })],
  [/^all partitions have stopped: system status (\d+)$/, (m) => ({ type: "system-status", status: Number(m[1]) })],
  // the last lines of a halt policy and of a firmware fault (core/partition.c, arch/riscv/trap.c)
  [/^system halted: status (\d+)$/, (m) => ({ type: "system-status", status: Number(m[1]) })],
  [/^firmware fault: /, () => ({ type: "system-status", status: SYSTEM_STATUS.PANIC })],
];

export function parseLine(raw: string): ConsoleLine {
  const line = raw.replace(/\r$/, "");
  if (line.startsWith(TRACE_MARKER)) return { kind: "trace", text: line.slice(TRACE_MARKER.length) };
  const match = /^\[(\w+)\] ?(.*)$/.exec(line);
  if (!match) return { kind: "other", text: line };
  const [, who, text] = match;
  if (who !== HYPERVISOR_PREFIX) return { kind: "partition", partition: who, text };
  for (const [pattern, make] of EVENT_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { kind: "hypervisor", text, event: make(m) };
  }
  return { kind: "hypervisor", text };
}

/** Splits a byte stream into lines as it arrives. */
export class LineSplitter {
  private pending = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    this.pending += chunk;
    let newline: number;
    while ((newline = this.pending.indexOf("\n")) >= 0) {
      this.onLine(this.pending.slice(0, newline).replace(/\r$/, ""));
      this.pending = this.pending.slice(newline + 1);
    }
  }

  end(): void {
    if (this.pending) this.onLine(this.pending.replace(/\r$/, ""));
    this.pending = "";
  }
}

export interface PartitionSummary {
  name: string;
  exitCode?: number;
  faults: number;
  restarts: number;
  stopped: boolean;
}

/** Per-partition outcome of a run, from the hypervisor's events. */
export function summarize(partitions: string[], lines: ConsoleLine[]): PartitionSummary[] {
  const byName = new Map(partitions.map((name) => [name, { name, faults: 0, restarts: 0, stopped: false } as PartitionSummary]));
  for (const line of lines) {
    if (line.kind !== "hypervisor" || !line.event) continue;
    const e = line.event;
    if (e.type === "system-status") continue;
    const s = byName.get(e.partition);
    if (!s) continue;
    if (e.type === "exit") s.exitCode = e.code;
    if (e.type === "fault") s.faults++;
    if (e.type === "stopped") s.stopped = true;
    if (e.type === "restart") s.restarts++;
  }
  return [...byName.values()];
}
