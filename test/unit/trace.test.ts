/** The trace records the firmware prints, and the Chrome trace JSON they become (sim/trace.ts). */
import { describe, expect, it } from "vitest";
import { parseLine } from "../../sim/console.ts";
import { chromeTrace, parseTraceRecord, type TraceContext, type TraceRecord } from "../../sim/trace.ts";
import { nsOf, traceProblems, type LoadedEvent } from "../trace-check.ts";

const context = (clock: TraceContext["clock"]): TraceContext => ({
  system: "demo",
  harts: 2,
  timebaseHz: 10_000_000,
  clock,
  partitions: ["ping", "pong"],
  vcpus: [
    { partition: 0, index: 0, hart: 0 },
    { partition: 1, index: 0, hart: 0 },
  ],
  extensionId: 0x08503300,
  calls: new Map([
    [1, "write"],
    [2, "yield"],
    [3, "exit"],
    [8, "now"],
  ]),
});

// As the firmware prints them (without the marker): kind hart time cycle fields...
// Under -icount the cycle counter is nanoseconds; the time CSR counts 100 ns.
const RUN = [
  "H 0 0 0 1 2",
  "W 1 0 32", // hart 1 has nothing to run
  "R 0 1 64 0", // 100 ns: ping's window opens on hart 0
  "C 0 2 c8 0 1", // 200: p3_write, fast path
  "R 0 3 12c 0", // 300: back in ping
  "X 0 4 190 0 a 8503300 2", // 400: p3_yield, slow path
  "R 0 5 1f4 1", // 500: pong's window
  "I 0 6 258 1 5", // 600: timer interrupt
  "F 0 6 26c 1 1 store guest-page fault", // 620
  "N 0 7 2bc 1 1", // 700: pong restarted
  "R 0 8 320 1", // 800: pong again, the same window
  "X 0 9 384 1 a 10 0", // 900: an SBI call (base)
  "R 0 a 3e8 1", // 1000
  "Q 1 b 44c b 0", // 1100: device interrupt line 11 for ping, taken on hart 1
  "R 0 c 4b0 0", // 1200: ping
  "X 0 d 514 0 a 8503300 3", // 1300: p3_exit
  "D 0 e 578 0 0 0", // 1400: ping exited with 0
  "R 0 f 5dc 1", // 1500: pong
  "C 0 10 640 1 8", // 1600: p3_now, and the run is stopped before it returns
  "X 0 1", // cut off mid-line
];

function records(lines: string[]): TraceRecord[] {
  return lines.map(parseTraceRecord).filter((r): r is TraceRecord => r !== undefined);
}

function slices(events: LoadedEvent[], pid: number, tid: number) {
  return events.filter((e) => e.ph === "X" && e.pid === pid && e.tid === tid).map((e) => [e.name, nsOf(e.ts!), nsOf(e.ts!) + nsOf(e.dur!)]);
}

describe("trace records", () => {
  it("are set apart from the console output by their marker", () => {
    expect(parseLine("\x1eR 0 37 15a0 0\r")).toEqual({ kind: "trace", text: "R 0 37 15a0 0" });
    expect(parseLine("[ping] \x1eR 0 37 15a0 0")).toEqual({ kind: "partition", partition: "ping", text: "\x1eR 0 37 15a0 0" });
  });

  it("parse when whole and are dropped when not", () => {
    expect(parseTraceRecord("R 0 37 15a0 2")).toEqual({ kind: "R", hart: 0, time: 0x37, cycle: 0x15a0, fields: [2] });
    expect(parseTraceRecord("F 1 5 64 2 ffff watchdog expired")).toEqual({ kind: "F", hart: 1, time: 5, cycle: 100, fields: [2, 0xffff], text: "watchdog expired" });
    for (const broken of ["X 0 1", "R 0 37 15a0", "R 0 37 15a0 2 3", "Z 0 1 2 3", "R 0 1 2 zz", "F 0 1 2 3 4", "R0 1 2 3", ""])
      expect(parseTraceRecord(broken), broken).toBeUndefined();
  });
});

describe("the Chrome trace of a run", () => {
  const trace = chromeTrace(records(RUN), context("cycle"));
  const events = trace.traceEvents as LoadedEvent[];

  it("is JSON that Perfetto reads as meant: named tracks, nested slices", () => {
    const parsed = JSON.parse(JSON.stringify(trace));
    expect(traceProblems(parsed)).toEqual([]);
    const names = events.filter((e) => e.ph === "M" && e.name.endsWith("_name")).map((e) => e.args!.name);
    expect(names).toEqual(["demo: harts", "demo: partitions", "hart 0", "hart 1", "ping", "pong"]);
  });

  it("shows each hart's partition windows, with the hypervisor's work nested in them", () => {
    expect(slices(events, 1, 1)).toEqual([
      ["ping", 100, 500],
      ["p3_write", 200, 300],
      ["p3_yield", 400, 500],
      ["pong", 500, 1200],
      ["timer interrupt", 600, 800],
      ["sbi base", 900, 1000],
      ["ping", 1200, 1500],
      ["p3_exit", 1300, 1500],
      ["pong", 1500, 1600], // the run was stopped: open spans end at the last record
      ["p3_now", 1600, 1600],
    ]);
    expect(slices(events, 1, 2)).toEqual([]);
    expect(events.find((e) => e.name === "p3_write")).toMatchObject({ cat: "hypercall", args: { vcpu: "ping", fid: 1, path: "fast" } });
    expect(events.find((e) => e.name === "p3_yield")).toMatchObject({ cat: "hypercall", args: { path: "slow" } });
    expect(events.find((e) => e.name === "timer interrupt")).toMatchObject({ cat: "interrupt", args: { vcpu: "pong", irq: 5 } });
  });

  it("shows the same windows on each partition's own track", () => {
    expect(slices(events, 2, 1001)).toEqual([
      ["on hart 0", 100, 500],
      ["on hart 0", 1200, 1500],
    ]);
    expect(slices(events, 2, 1002)).toEqual([
      ["on hart 0", 500, 1200],
      ["on hart 0", 1500, 1600],
    ]);
  });

  it("marks faults, restarts, exits and device interrupts as instants on the hart and the partition", () => {
    const instants = events.filter((e) => e.ph === "i").map((e) => [e.name, e.pid, e.tid, nsOf(e.ts!)]);
    expect(instants).toEqual([
      ["fault in pong: store guest-page fault", 1, 1, 620],
      ["fault in pong: store guest-page fault", 2, 1002, 620],
      ["pong restarted", 1, 1, 700],
      ["pong restarted", 2, 1002, 700],
      ["irq 11 → ping", 1, 2, 1100],
      ["irq 11 → ping", 2, 1001, 1100],
      ["ping exited with code 0", 1, 1, 1400],
      ["ping exited with code 0", 2, 1001, 1400],
    ]);
  });

  it("counts real time from the time CSR when instructions are not counted", () => {
    const real = chromeTrace(records(RUN), context("time")).traceEvents as LoadedEvent[];
    expect(slices(real, 1, 1).slice(0, 2)).toEqual([
      ["ping", 100, 500],
      ["p3_write", 200, 300],
    ]);
    expect(real.find((e) => e.name === "pong restarted")!.ts).toBeCloseTo(0.7, 4);
  });
});
