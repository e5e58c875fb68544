/**
 * Console demux: the board's one UART carries every partition's lines
 * ("[name] text", prefixed by the hypervisor) and the hypervisor's own
 * ("[phase3] text"). This splits the stream back into who said what, and
 * reads the hypervisor's structured lines (exits, faults) as events. A trace
 * build also writes trace records, lines that start with TRACE_MARKER
 * (firmware/core/trace.h): they are set apart here, never shown as output.
 * The format itself is the firmware's contract: spec/abi/console.ts.
 */
import { EVENT_LINES, FIRMWARE_PREFIX, TRACE_MARKER, type ConsoleEvent } from "../spec/abi/console.ts";

export type { ConsoleEvent };

export type ConsoleLine =
  | { kind: "partition"; partition: string; text: string }
  | { kind: "hypervisor"; text: string; event?: ConsoleEvent }
  | { kind: "other"; text: string }
  /** A trace record, without its marker: sim/trace.ts reads it. */
  | { kind: "trace"; text: string };

export function parseLine(raw: string): ConsoleLine {
  const line = raw.replace(/\r$/, "");
  if (line.startsWith(TRACE_MARKER)) return { kind: "trace", text: line.slice(TRACE_MARKER.length) };
  const match = /^\[(\w+)\] ?(.*)$/.exec(line);
  if (!match) return { kind: "other", text: line };
  const [, who, text] = match;
  if (who !== FIRMWARE_PREFIX) return { kind: "partition", partition: who, text };
  for (const [pattern, make] of EVENT_LINES) {
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
