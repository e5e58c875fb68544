/**
 * Safe readers for a spec of unknown shape. A JavaScript user (or a cast)
 * can put any value anywhere; rules read through these and never throw.
 */
import { isBoardProfile, type BoardProfile } from "../boards/profile.ts";
import { parseSize, parseTime } from "../units.ts";
import type { SpecPath } from "./diagnostic.ts";

export type Path = (string | number)[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A property of a value that should be an object; undefined when it is not one. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** Object entries of a value that should be a record, or none when it is not one. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** The board, when it is a board profile. */
export function boardOf(system: unknown): BoardProfile | undefined {
  const board = field(system, "board");
  return isBoardProfile(board) && isRecord(board.devices) && isRecord(board.isa) && isRecord(board.memory) ? board : undefined;
}

/** A size in bytes, or undefined when it does not parse (another rule says so). */
export function bytes(value: unknown): number | undefined {
  const parsed = parseSize(value);
  return parsed.ok ? parsed.value : undefined;
}

/** A time in nanoseconds, or undefined when it does not parse (another rule says so). */
export function nanoseconds(value: unknown): number | undefined {
  const parsed = parseTime(value);
  return parsed.ok ? parsed.value : undefined;
}

/** The harts a partition's `hart` names, keeping only whole numbers. */
export function hartList(partition: unknown): number[] {
  const hart = field(partition, "hart");
  const list = Array.isArray(hart) ? hart : [hart];
  return list.filter((h): h is number => Number.isInteger(h));
}

/** Names of the partitions, as written. */
export function partitionNames(system: unknown): string[] {
  return entriesOf(field(system, "partitions")).map(([name]) => name);
}

/** The devices a partition lists, with their paths, keeping only strings. */
export function deviceGrants(system: unknown): { partition: string; device: string; path: Path }[] {
  const grants: { partition: string; device: string; path: Path }[] = [];
  for (const [partition, spec] of entriesOf(field(system, "partitions"))) {
    const devices = field(spec, "devices");
    if (!Array.isArray(devices)) continue;
    devices.forEach((device, i) => {
      if (typeof device === "string") grants.push({ partition, device, path: ["partitions", partition, "devices", i] });
    });
  }
  return grants;
}

/** "0x80000000" */
export const hex = (n: number): string => `0x${n.toString(16)}`;

/** A JSON-ish rendering of a wrong value for a message: "abc", 12, null, an object. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

export type { SpecPath };
