/**
 * What a Chrome trace JSON file must be for Perfetto to show it as meant,
 * checked the way Perfetto reads it: times in microseconds turned into whole
 * nanoseconds by truncation, and complete ("X") events on one thread nested
 * strictly (a slice that starts inside another ends inside it too).
 */

export interface LoadedEvent {
  name: string;
  ph: string;
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  s?: string;
  args?: Record<string, unknown>;
}

/** Whole nanoseconds, as Perfetto reads a time in microseconds. */
export const nsOf = (us: number) => Math.trunc(us * 1000);

export function traceProblems(trace: unknown): string[] {
  const problems: string[] = [];
  const events = (trace as { traceEvents?: unknown }).traceEvents;
  if (!Array.isArray(events)) return ["no traceEvents array"];
  const threads = new Map<string, { start: number; end: number; name: string }[]>();
  for (const [i, e] of (events as LoadedEvent[]).entries()) {
    const where = `event ${i} (${e.name})`;
    if (typeof e.name !== "string" || typeof e.pid !== "number") problems.push(`${where}: needs a name and a pid`);
    if (e.ph === "M") {
      if (!["process_name", "thread_name", "process_sort_index", "thread_sort_index"].includes(e.name)) problems.push(`${where}: unknown metadata`);
      if (e.name.endsWith("_name") && typeof e.args?.name !== "string") problems.push(`${where}: a name needs args.name`);
      if (e.name.startsWith("thread") && typeof e.tid !== "number") problems.push(`${where}: needs a tid`);
      continue;
    }
    if (e.ph !== "X" && e.ph !== "i") {
      problems.push(`${where}: phase ${e.ph} is not X, i or M`);
      continue;
    }
    if (typeof e.tid !== "number" || typeof e.ts !== "number" || !(e.ts >= 0)) problems.push(`${where}: needs a tid and a time`);
    if (e.ph === "i" && !["t", "p", "g"].includes(e.s ?? "")) problems.push(`${where}: an instant needs a scope`);
    if (e.ph === "X") {
      if (typeof e.dur !== "number" || !(e.dur >= 0)) problems.push(`${where}: a complete event needs a duration`);
      const key = `${e.pid}/${e.tid}`;
      const start = nsOf(e.ts!);
      threads.set(key, [...(threads.get(key) ?? []), { start, end: start + nsOf(e.dur!), name: e.name }]);
    }
  }
  for (const [key, slices] of threads) {
    slices.sort((a, b) => a.start - b.start || b.end - a.end);
    const open: { start: number; end: number; name: string }[] = [];
    for (const s of slices) {
      while (open.length && open[open.length - 1].end <= s.start && open[open.length - 1].start !== s.start) open.pop();
      const parent = open[open.length - 1];
      if (parent && s.end > parent.end) problems.push(`thread ${key}: ${s.name} at ${s.start} ns overlaps ${parent.name} (${parent.start}..${parent.end} ns) without nesting`);
      open.push(s);
    }
  }
  return problems;
}
