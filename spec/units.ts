/**
 * Sizes and times, parsed in one place.
 *
 * A size is a number of bytes or a string with a binary unit: "4096", "64K",
 * "2M", "1G" (K = 1024). A time is a number of nanoseconds or a string with a
 * unit: "100ns", "500us", "10ms", "2s". Parsing never throws: it returns either
 * the value or a message that the validator turns into a located diagnostic.
 */

/** A size in bytes, or a string such as "256K", "2M", "1G". */
export type Size = number | `${number}` | `${number}${SizeUnit}`;
export type SizeUnit = "K" | "M" | "G" | "KiB" | "MiB" | "GiB";

/** A duration in nanoseconds, or a string such as "500us", "10ms", "1s". */
export type Time = number | `${number}${TimeUnit}`;
export type TimeUnit = "ns" | "us" | "ms" | "s";

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const sizeUnits: Record<string, number> = {
  "": 1,
  K: 1024,
  KiB: 1024,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
};

const timeUnits: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

function parseWithUnits(input: unknown, units: Record<string, number>, what: string, example: string): Parsed {
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) {
      return { ok: false, message: `${what} ${input} is not a whole, non-negative number` };
    }
    return { ok: true, value: input };
  }
  if (typeof input !== "string") {
    return { ok: false, message: `${what} must be a number or a string such as "${example}"` };
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(input);
  const scale = match ? units[match[2]] : undefined;
  if (!match || scale === undefined) {
    const names = Object.keys(units).filter((u) => u !== "").join(", ");
    return { ok: false, message: `${what} "${input}" is not understood; write a number with a unit (${names}), e.g. "${example}"` };
  }
  const value = Number(match[1]) * scale;
  if (!Number.isSafeInteger(value)) {
    return { ok: false, message: `${what} "${input}" is not a whole number of ${scale === 1 ? "units" : "bytes or nanoseconds"}` };
  }
  return { ok: true, value };
}

/** Parses a size ("256K") into bytes. */
export function parseSize(input: unknown): Parsed {
  return parseWithUnits(input, sizeUnits, "size", "256K");
}

/** Parses a duration ("10ms") into nanoseconds. */
export function parseTime(input: unknown): Parsed {
  return parseWithUnits(input, timeUnits, "time", "10ms");
}

/** Formats a byte count the way a person writes it: 4096 → "4K", 3 MiB → "3M". */
export function formatSize(bytes: number): string {
  for (const [unit, scale] of [["G", 1024 ** 3], ["M", 1024 ** 2], ["K", 1024]] as const) {
    if (bytes >= scale && bytes % scale === 0) return `${bytes / scale}${unit}`;
  }
  return `${bytes}`;
}

/** Formats nanoseconds the way a person writes it: 2_000_000 → "2ms". */
export function formatTime(ns: number): string {
  for (const [unit, scale] of [["s", 1e9], ["ms", 1e6], ["us", 1e3]] as const) {
    if (ns >= scale && ns % scale === 0) return `${ns / scale}${unit}`;
  }
  return `${ns}ns`;
}

/** A number as people read an address: 0x8000 (`digits` pads it: 8 lines 32-bit addresses up). */
export function hex(value: number | bigint, digits = 0): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}
