/** Durations from the spec in the board's timebase ticks, rounded up so nothing is shorter than asked. */
import { parseTime } from "../../../spec/units.ts";

export function ticksOf(time: unknown, timebaseHz: number, fallbackNs = 0): number {
  const parsed = time === undefined ? { ok: true as const, value: fallbackNs } : parseTime(time);
  const ns = parsed.ok ? parsed.value : fallbackNs;
  return Math.ceil((ns * timebaseHz) / 1e9);
}
