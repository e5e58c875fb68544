/** Durations from the spec: in the board's timebase ticks for the firmware, and as people write them for the reports. */
import { formatTime, parseTime } from "../../../spec/units.ts";

/** Nanoseconds of a duration the validator accepted (fallback when absent). */
export function nanosOf(time: unknown, fallbackNs = 0): number {
  const parsed = time === undefined ? undefined : parseTime(time);
  return parsed?.ok ? parsed.value : fallbackNs;
}

/** Ticks of a duration, rounded up so nothing is shorter than asked. */
export function ticksOf(time: unknown, timebaseHz: number, fallbackNs = 0): number {
  return Math.ceil((nanosOf(time, fallbackNs) * timebaseHz) / 1e9);
}

/** "50ms", "500us": the duration in its shortest exact unit. */
export function timeText(time: unknown): string {
  return formatTime(nanosOf(time));
}
