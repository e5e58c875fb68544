/**
 * The run's timeline for `phase3 run --trace`: the trace firmware's records
 * (one console line each, described in firmware/core/trace.h) turned into
 * Chrome trace event JSON, which ui.perfetto.dev and chrome://tracing open.
 *
 * What it shows:
 * - process 1, one thread per hart: each partition window (a vCPU running on
 *   the hart, from the moment the hart enters it until it enters another or
 *   idles) as a complete event, with the hypervisor's work inside it nested
 *   below it: hypercalls, SBI calls, interrupts, exceptions;
 * - process 2, one thread per vCPU: the same windows seen from the partition;
 * - instant events on both: faults, restarts, exits, device interrupts.
 *
 * Times: each record carries the time CSR and the cycle counter, read at the
 * event. Under -icount the cycle counter counts instructions, one virtual
 * nanosecond each, so it is exact and deterministic; otherwise it counts the
 * host's cycles at an unknown rate, and the time CSR (the board's timebase,
 * 10 MHz on QEMU virt) is the real clock. Chrome trace times are microseconds.
 */
import type { Model } from "../generator/pipeline/lower/model.ts";
import { hex } from "../spec/units.ts";

export type TraceKind = "H" | "I" | "X" | "C" | "R" | "W" | "Q" | "F" | "N" | "D";

export interface TraceRecord {
  kind: TraceKind;
  hart: number;
  /** The time CSR, in timebase ticks. */
  time: number;
  /** The cycle counter. */
  cycle: number;
  /** The kind's numeric fields (trace.h). */
  fields: number[];
  /** A fault's cause, by name. */
  text?: string;
}

/** How many numeric fields each kind has after hart, time and cycle. */
const FIELDS: Record<TraceKind, number> = { H: 2, I: 2, X: 4, C: 2, R: 1, W: 0, Q: 2, F: 2, N: 2, D: 3 };

const NONE = 0xffff;
const TO_CONSOLE = 0xfffe;

/** A record's line without its marker ("R 0 37 15a0 0"); undefined when it is not whole (a run cut short). */
export function parseTraceRecord(line: string): TraceRecord | undefined {
  const kind = line[0] as TraceKind;
  const count = FIELDS[kind];
  if (count === undefined || line[1] !== " ") return undefined;
  const words = line.slice(2).split(" ");
  const numbers = kind === "F" ? words.slice(0, 3 + count) : words;
  if (numbers.length !== 3 + count || !numbers.every((w) => /^[0-9a-f]{1,16}$/.test(w))) return undefined;
  const [hart, time, cycle, ...fields] = numbers.map((w) => Number.parseInt(w, 16));
  const record: TraceRecord = { kind, hart, time, cycle, fields };
  if (kind === "F") {
    record.text = words.slice(3 + count).join(" ");
    if (!record.text) return undefined;
  }
  return record;
}

/** What the records' numbers mean for one system. */
export interface TraceContext {
  system: string;
  harts: number;
  timebaseHz: number;
  /** "cycle" under -icount (instructions, 1 ns each), "time" otherwise. */
  clock: "cycle" | "time";
  /** Partition names by id. */
  partitions: string[];
  /** vCPUs by id. */
  vcpus: { partition: number; index: number; hart: number }[];
  /** The Phase3 calls' extension id, and their names by function id. */
  extensionId: number;
  calls: Map<number, string>;
}

export function traceContext(model: Model, timebaseHz: number, clock: TraceContext["clock"]): TraceContext {
  return {
    system: model.system.name,
    harts: model.harts.length,
    timebaseHz,
    clock,
    partitions: model.partitions.map((p) => p.name),
    vcpus: model.vcpus.map((v) => ({ partition: v.partition, index: v.index, hart: v.hart })),
    extensionId: Number(model.abi.extensionId),
    calls: new Map(model.abi.calls.map((c) => [c.fid, c.name])),
  };
}

export interface TraceEvent {
  name: string;
  ph: "X" | "i" | "M";
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  s?: "t" | "p" | "g";
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: "ns";
  otherData: Record<string, unknown>;
}

export const HARTS_PID = 1;
export const PARTITIONS_PID = 2;
/** Thread ids: tid 0 means "idle" to some viewers, and hart and vCPU threads must not share one. */
export const hartTid = (hart: number) => 1 + hart;
export const vcpuTid = (vcpu: number) => 1001 + vcpu;

const INTERRUPTS: Record<number, string> = {
  1: "IPI", 2: "VS software interrupt", 3: "M software interrupt",
  5: "timer interrupt", 6: "VS timer interrupt", 7: "M timer interrupt",
  9: "external interrupt", 10: "VS external interrupt", 11: "M external interrupt", 12: "guest external interrupt",
};

const EXCEPTIONS: Record<number, string> = {
  0: "misaligned instruction fetch", 1: "instruction access fault", 2: "illegal instruction", 3: "breakpoint",
  4: "misaligned load", 5: "load access fault", 6: "misaligned store", 7: "store access fault",
  8: "ecall from U-mode", 9: "ecall from S-mode", 10: "ecall from VS-mode", 11: "ecall from M-mode",
  12: "instruction page fault", 13: "load page fault", 15: "store page fault",
  20: "instruction guest-page fault", 21: "load guest-page fault", 22: "virtual instruction", 23: "store guest-page fault",
};

const ECALLS = new Set([8, 9, 10, 11]);

const SBI_EXTENSIONS: Record<number, string> = {
  0x10: "base", 0x54494d45: "time", 0x735049: "ipi", 0x52464e43: "rfence", 0x48534d: "hsm",
  0x53525354: "srst", 0x4442434e: "dbcn", 0x504d55: "pmu",
  0: "legacy set_timer", 1: "legacy console_putchar", 2: "legacy console_getchar", 3: "legacy clear_ipi",
  4: "legacy send_ipi", 5: "legacy remote_fence_i", 6: "legacy remote_sfence_vma", 7: "legacy remote_sfence_vma_asid", 8: "legacy shutdown",
};


interface Open {
  name: string;
  cat: string;
  start: number;
  args: Record<string, unknown>;
}

/** Turns a run's records, in the order they arrived, into a Chrome trace. */
export function chromeTrace(records: TraceRecord[], context: TraceContext): ChromeTrace {
  const nsOf = (r: TraceRecord) => (context.clock === "cycle" ? r.cycle : Math.round((r.time * 1e9) / context.timebaseHz));
  // Perfetto reads microseconds into whole nanoseconds by truncation, and
  // 2013.278 is 2013.27799999… in binary: it would lose a nanosecond and
  // break the nesting of slices that end together. A hundredth of a
  // nanosecond more lands every reader, truncating or rounding, on the
  // exact nanosecond.
  const us = (ns: number) => Number(((ns + 0.01) / 1000).toFixed(5));
  const events: TraceEvent[] = [];
  const partitionName = (id: number) => context.partitions[id] ?? `partition ${id}`;
  const vcpuName = (id: number) => {
    const v = context.vcpus[id];
    if (!v) return `vCPU ${id}`;
    const several = context.vcpus.filter((o) => o.partition === v.partition).length > 1;
    return several ? `${partitionName(v.partition)} vCPU ${v.index}` : partitionName(v.partition);
  };
  const firstVcpu = (partition: number) => Math.max(0, context.vcpus.findIndex((v) => v.partition === partition));

  const slice = (pid: number, tid: number, open: Open, end: number) =>
    events.push({ name: open.name, cat: open.cat, ph: "X", pid, tid, ts: us(open.start), dur: us(end - open.start), args: open.args });
  const instant = (tid: number, vcpu: number | undefined, ts: number, name: string, cat: string, args: Record<string, unknown>) => {
    events.push({ name, cat, ph: "i", s: "t", pid: HARTS_PID, tid, ts: us(ts), args });
    if (vcpu !== undefined) events.push({ name, cat, ph: "i", s: "t", pid: PARTITIONS_PID, tid: vcpuTid(vcpu), ts: us(ts), args });
  };

  const trapOf = (r: TraceRecord): Open => {
    const start = nsOf(r);
    const vcpu = r.fields[0];
    if (r.kind === "C") {
      const fid = r.fields[1];
      return { name: `p3_${context.calls.get(fid) ?? `call ${fid}`}`, cat: "hypercall", start, args: { vcpu: vcpuName(vcpu), fid, path: "fast" } };
    }
    if (r.kind === "I") {
      const irq = r.fields[1];
      return { name: INTERRUPTS[irq] ?? `interrupt ${irq}`, cat: "interrupt", start, args: { vcpu: vcpuName(vcpu), irq } };
    }
    const [, cause, a7, a6] = r.fields;
    if (ECALLS.has(cause) && a7 === context.extensionId)
      return { name: `p3_${context.calls.get(a6) ?? `call ${a6}`}`, cat: "hypercall", start, args: { vcpu: vcpuName(vcpu), fid: a6, path: "slow" } };
    if (ECALLS.has(cause))
      return { name: `sbi ${SBI_EXTENSIONS[a7] ?? hex(a7)}`, cat: "sbi", start, args: { vcpu: vcpuName(vcpu), extension: hex(a7), function: a6 } };
    return { name: EXCEPTIONS[cause] ?? `exception ${cause}`, cat: "exception", start, args: { vcpu: vcpuName(vcpu), cause } };
  };

  const harts = new Map<number, { window?: Open & { vcpu: number }; trap?: Open }>();
  const stateOf = (hart: number) => harts.get(hart) ?? harts.set(hart, {}).get(hart)!;
  const closeTrap = (hart: number, end: number) => {
    const s = stateOf(hart);
    if (s.trap) slice(HARTS_PID, hartTid(hart), s.trap, end);
    s.trap = undefined;
  };
  const closeWindow = (hart: number, end: number) => {
    const s = stateOf(hart);
    if (s.window) {
      slice(HARTS_PID, hartTid(hart), s.window, end);
      slice(PARTITIONS_PID, vcpuTid(s.window.vcpu), { ...s.window, name: `on hart ${hart}` }, end);
    }
    s.window = undefined;
  };

  let end = 0;
  let version: number | undefined;
  for (const r of records) {
    const ts = nsOf(r);
    end = Math.max(end, ts);
    const tid = hartTid(r.hart);
    const s = stateOf(r.hart);
    switch (r.kind) {
      case "H":
        version = r.fields[0];
        break;
      case "I":
      case "X":
      case "C":
        closeTrap(r.hart, ts);
        s.trap = trapOf(r);
        break;
      case "R": {
        const vcpu = r.fields[0];
        closeTrap(r.hart, ts);
        if (s.window && s.window.vcpu !== vcpu) closeWindow(r.hart, ts);
        if (!s.window) {
          const v = context.vcpus[vcpu];
          s.window = { vcpu, name: vcpuName(vcpu), cat: "window", start: ts, args: { partition: v ? partitionName(v.partition) : vcpu, vcpu: v?.index ?? vcpu, hart: r.hart } };
        }
        break;
      }
      case "W":
        closeTrap(r.hart, ts);
        closeWindow(r.hart, ts);
        break;
      case "Q": {
        const [line, owner] = r.fields;
        const to = owner === NONE ? "nobody" : owner === TO_CONSOLE ? "the console" : partitionName(owner);
        instant(tid, owner === NONE || owner === TO_CONSOLE ? undefined : firstVcpu(owner), ts, `irq ${line} → ${to}`, "interrupt", { line, to });
        break;
      }
      case "F": {
        const [partition, vcpu] = r.fields;
        const name = partitionName(partition);
        instant(tid, vcpu === NONE ? firstVcpu(partition) : vcpu, ts, `fault in ${name}: ${r.text}`, "fault", { partition: name, what: r.text });
        break;
      }
      case "N": {
        const [partition, restarts] = r.fields;
        const name = partitionName(partition);
        instant(tid, firstVcpu(partition), ts, `${name} restarted`, "restart", { partition: name, restarts });
        break;
      }
      case "D": {
        const [partition, stopped, code] = r.fields;
        const name = partitionName(partition);
        const what = stopped ? `${name} stopped` : `${name} exited with code ${code | 0}`;
        instant(tid, firstVcpu(partition), ts, what, "partition", stopped ? { partition: name } : { partition: name, code: code | 0 });
        break;
      }
    }
  }
  // A run that ends (or is stopped) leaves windows open: they last until the last thing seen.
  for (const hart of harts.keys()) {
    closeTrap(hart, end);
    closeWindow(hart, end);
  }

  // Parents before children: by time, then the longer first, windows before what runs in them, slices before instants.
  const rank = (e: TraceEvent) => (e.ph === "i" ? 2 : e.cat === "window" ? 0 : 1);
  events.sort((a, b) => a.ts! - b.ts! || (b.dur ?? -1) - (a.dur ?? -1) || rank(a) - rank(b));
  return {
    traceEvents: [...metadata(context), ...events],
    displayTimeUnit: "ns",
    otherData: {
      system: context.system,
      clock: context.clock === "cycle" ? "cycle counter under -icount: 1 ns per instruction" : `time CSR at ${context.timebaseHz} Hz`,
      records: records.length,
      traceVersion: version,
    },
  };

  function metadata(c: TraceContext): TraceEvent[] {
    const meta: TraceEvent[] = [
      { name: "process_name", ph: "M", ts: 0, pid: HARTS_PID, args: { name: `${c.system}: harts` } },
      { name: "process_sort_index", ph: "M", ts: 0, pid: HARTS_PID, args: { sort_index: 0 } },
      { name: "process_name", ph: "M", ts: 0, pid: PARTITIONS_PID, args: { name: `${c.system}: partitions` } },
      { name: "process_sort_index", ph: "M", ts: 0, pid: PARTITIONS_PID, args: { sort_index: 1 } },
    ];
    for (let h = 0; h < c.harts; h++) {
      meta.push({ name: "thread_name", ph: "M", ts: 0, pid: HARTS_PID, tid: hartTid(h), args: { name: `hart ${h}` } });
      meta.push({ name: "thread_sort_index", ph: "M", ts: 0, pid: HARTS_PID, tid: hartTid(h), args: { sort_index: h } });
    }
    c.vcpus.forEach((_, id) => {
      meta.push({ name: "thread_name", ph: "M", ts: 0, pid: PARTITIONS_PID, tid: vcpuTid(id), args: { name: vcpuName(id) } });
      meta.push({ name: "thread_sort_index", ph: "M", ts: 0, pid: PARTITIONS_PID, tid: vcpuTid(id), args: { sort_index: id } });
    });
    return meta;
  }
}
