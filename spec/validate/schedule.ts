/**
 * Rules about schedules: each hart's schedule is well formed and feasible,
 * names only partitions that run on that hart and runs each of them; the
 * priority fields of a partition are used only under a priority schedule.
 */
import { formatTime, parseTime } from "../units.ts";
import type { Finding } from "./diagnostic.ts";
import type { Rule, RuleContext } from "./rule.ts";
import { entriesOf, field, hartList, isRecord, nanoseconds, partitionNames, shown, type Path } from "./values.ts";

type Windows = { kind: "windows"; majorFrame: unknown; windows: unknown[] };
type Policy = { kind: "priority" } | { kind: "round-robin"; slice: unknown };
type Parsed = Windows | Policy | { kind: "invalid"; path: Path; message: string };

const HART_KEY = /^hart(0|[1-9]\d*)$/;

/** What a hart's schedule is, or why it is none of the three kinds. */
function parseSchedule(key: string, s: Record<string, unknown>): Parsed {
  const path: Path = ["schedule", key];
  const keys = Object.keys(s).sort().join(",");
  if (s.policy === undefined) {
    if (keys !== "majorFrame,windows") {
      return { kind: "invalid", path, message: `schedule of ${key} needs either majorFrame and windows, or a policy ("priority" or "round-robin")` };
    }
    if (!Array.isArray(s.windows) || s.windows.length === 0) {
      return { kind: "invalid", path: [...path, "windows"], message: `windows of ${key} must be a non-empty list of [partition, time] pairs, e.g. [["ping", "2ms"]]` };
    }
    return { kind: "windows", majorFrame: s.majorFrame, windows: s.windows };
  }
  if (s.policy === "priority" && keys === "policy") return { kind: "priority" };
  if (s.policy === "round-robin" && (keys === "policy" || keys === "policy,slice")) return { kind: "round-robin", slice: s.slice };
  if (s.policy === "priority" || s.policy === "round-robin") {
    return { kind: "invalid", path, message: `a ${s.policy} schedule takes ${s.policy === "priority" ? "no other fields (budgets go on the partitions)" : "only slice"}, but ${key}'s has ${keys}` };
  }
  return { kind: "invalid", path: [...path, "policy"], message: `policy of ${key} is ${shown(s.policy)}; use "priority" or "round-robin", or give majorFrame and windows` };
}

interface HartSchedule {
  key: string;
  /** The hart number, when the key names one. */
  hart: number | undefined;
  schedule: Parsed;
}

function schedules(system: unknown): HartSchedule[] {
  return entriesOf(field(system, "schedule"))
    .filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]))
    .map(([key, s]) => {
      const m = HART_KEY.exec(key);
      return { key, hart: m ? Number(m[1]) : undefined, schedule: parseSchedule(key, s) };
    });
}

/** The windows of well-formed window schedules, each entry a [name, time] pair. */
function* windowsOf(system: unknown): Iterable<{ key: string; hart: number | undefined; majorFrame: unknown; windows: { i: number; name: unknown; time: unknown }[] }> {
  for (const { key, hart, schedule } of schedules(system)) {
    if (schedule.kind !== "windows") continue;
    const windows = schedule.windows.flatMap((w, i) => (Array.isArray(w) && w.length === 2 ? [{ i, name: w[0], time: w[1] }] : []));
    yield { key, hart, majorFrame: schedule.majorFrame, windows };
  }
}

function* positiveTime(path: Path, value: unknown, what: string): Iterable<Finding> {
  const parsed = parseTime(value);
  if (!parsed.ok) yield { path, message: `${what}: ${parsed.message}` };
  else if (parsed.value === 0) yield { path, message: `${what} is 0; give a positive time such as "1ms"` };
}

/** The kind of schedule each hart number runs (round robin when not named). */
function kindOfHart(system: unknown): (hart: number) => string {
  const kinds = new Map<number, string>();
  for (const { hart, schedule } of schedules(system)) if (hart !== undefined) kinds.set(hart, schedule.kind);
  return (hart) => kinds.get(hart) ?? "round-robin";
}

const partitionsOf = (ctx: RuleContext) => entriesOf(field(ctx.system, "partitions")).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));

export const scheduleRules: Rule[] = [
  {
    id: "schedule-hart-unknown",
    summary: "Each key of `schedule` is hartN for a hart N the board has.",
    *check({ system, board }) {
      for (const { key, hart } of schedules(system)) {
        if (hart === undefined) yield { path: ["schedule", key], message: `schedule key "${key}" does not name a hart; write hart0, hart1, ...` };
        else if (board && hart >= board.harts) yield { path: ["schedule", key], message: `schedule for ${key}, but ${board.name} has ${board.harts === 1 ? "only hart0" : `hart0 to hart${board.harts - 1}`}` };
      }
    },
  },
  {
    id: "schedule-invalid",
    summary: "A hart's schedule is { majorFrame, windows } of [partition, time] pairs, { policy: \"priority\" } or { policy: \"round-robin\", slice? }.",
    *check({ system }) {
      for (const { key, schedule } of schedules(system)) {
        if (schedule.kind === "invalid") {
          yield { path: schedule.path, message: schedule.message };
          continue;
        }
        if (schedule.kind !== "windows") continue;
        for (const [i, w] of schedule.windows.entries()) {
          if (!Array.isArray(w) || w.length !== 2 || typeof w[0] !== "string") {
            yield { path: ["schedule", key, "windows", i], message: `window ${i} of ${key} must be a [partition, time] pair such as ["ping", "2ms"], not ${shown(w)}` };
          }
        }
      }
    },
  },
  {
    id: "schedule-time-invalid",
    summary: "Major frames, window lengths and round-robin slices are positive times.",
    *check({ system }) {
      for (const { key, schedule } of schedules(system)) {
        if (schedule.kind === "round-robin" && schedule.slice !== undefined) yield* positiveTime(["schedule", key, "slice"], schedule.slice, `slice of ${key}`);
      }
      for (const { key, majorFrame, windows } of windowsOf(system)) {
        yield* positiveTime(["schedule", key, "majorFrame"], majorFrame, `majorFrame of ${key}`);
        for (const w of windows) yield* positiveTime(["schedule", key, "windows", w.i, 1], w.time, `window ${w.i} of ${key}`);
      }
    },
  },
  {
    id: "window-overrun",
    summary: "A hart's windows fit in its major frame.",
    *check({ system }) {
      for (const { key, majorFrame, windows } of windowsOf(system)) {
        const frame = nanoseconds(majorFrame);
        const times = windows.map((w) => nanoseconds(w.time));
        if (!frame || times.some((t) => t === undefined)) continue;
        let end = 0;
        for (const [n, w] of windows.entries()) {
          end += times[n]!;
          if (end > frame) {
            const total = times.reduce((a, b) => a! + b!, 0)!;
            yield {
              path: ["schedule", key, "windows", w.i],
              message: `the windows of ${key} add up to ${formatTime(total)}, more than its ${formatTime(frame)} major frame; this window ends at ${formatTime(end)}, so shorten the windows or lengthen majorFrame`,
            };
            break;
          }
        }
      }
    },
  },
  {
    id: "window-partition-unknown",
    summary: "A schedule window names a partition of the system, or \"idle\".",
    *check({ system }) {
      const names = partitionNames(system);
      for (const { key, windows } of windowsOf(system)) {
        for (const w of windows) {
          if (typeof w.name !== "string" || w.name === "idle" || names.includes(w.name)) continue;
          yield { path: ["schedule", key, "windows", w.i, 0], message: `window ${w.i} of ${key} runs "${w.name}", which is not a partition; use one of ${names.map((n) => `"${n}"`).join(", ")} or "idle"` };
        }
      }
    },
  },
  {
    id: "window-wrong-hart",
    summary: "A schedule window names a partition that runs on that hart.",
    *check({ system }) {
      const partitions = new Map(entriesOf(field(system, "partitions")));
      for (const { key, hart, windows } of windowsOf(system)) {
        if (hart === undefined) continue;
        for (const w of windows) {
          if (typeof w.name !== "string" || !partitions.has(w.name)) continue;
          const harts = hartList(partitions.get(w.name));
          if (harts.length && !harts.includes(hart)) {
            yield { path: ["schedule", key, "windows", w.i, 0], message: `window ${w.i} of ${key} runs "${w.name}", which runs on hart ${harts.join(", ")}; move the window to that hart's schedule or the partition to hart ${hart}` };
          }
        }
      }
    },
  },
  {
    id: "partition-unscheduled",
    summary: "Under a major frame, every partition on that hart has a window.",
    *check(ctx) {
      for (const { key, hart, windows } of windowsOf(ctx.system)) {
        if (hart === undefined) continue;
        const named = new Set(windows.map((w) => w.name));
        for (const [name, p] of partitionsOf(ctx)) {
          if (hartList(p).includes(hart) && !named.has(name)) {
            yield { path: ["schedule", key, "windows"], message: `partition "${name}" runs on hart ${hart}, but no window of ${key} runs it, so it would never run; add a window such as ["${name}", "1ms"]` };
          }
        }
      }
    },
  },
  {
    id: "needs-priority-schedule",
    summary: "A partition gives priority, budget or period only on a hart whose schedule is { policy: \"priority\" }.",
    *check(ctx) {
      const kind = kindOfHart(ctx.system);
      for (const [name, p] of partitionsOf(ctx)) {
        const harts = hartList(p);
        if (harts.length === 0 || harts.some((h) => kind(h) === "priority")) continue;
        for (const key of ["priority", "budget", "period"]) {
          if (p[key] === undefined) continue;
          yield { path: ["partitions", name, key], message: `partition "${name}" gives a ${key}, but hart ${harts[0]} is not priority-scheduled; add schedule: { hart${harts[0]}: { policy: "priority" } } or remove ${key}` };
          break;
        }
      }
    },
  },
  {
    id: "budget-invalid",
    summary: "A partition's budget and period are positive times, given together.",
    *check(ctx) {
      for (const [name, p] of partitionsOf(ctx)) {
        if (p.budget === undefined && p.period === undefined) continue;
        if (p.budget === undefined || p.period === undefined) {
          const given = p.budget === undefined ? "period" : "budget";
          yield { path: ["partitions", name, given], message: `partition "${name}" gives a ${given} but no ${given === "budget" ? "period" : "budget"}; a budget is CPU time per period, so give both` };
          continue;
        }
        yield* positiveTime(["partitions", name, "budget"], p.budget, `budget of "${name}"`);
        yield* positiveTime(["partitions", name, "period"], p.period, `period of "${name}"`);
      }
    },
  },
  {
    id: "budget-exceeds-period",
    summary: "A partition's budget is at most its period.",
    *check(ctx) {
      for (const [name, p] of partitionsOf(ctx)) {
        const budget = nanoseconds(p.budget);
        const period = nanoseconds(p.period);
        if (budget && period && budget > period) {
          yield { path: ["partitions", name, "budget"], message: `partition "${name}" has a budget of ${formatTime(budget)} in each ${formatTime(period)} period, more than the period itself; lower the budget` };
        }
      }
    },
  },
];
