/**
 * Safe readers for a spec of unknown shape. A JavaScript user (or a cast)
 * can put any value anywhere; rules read through these and never throw.
 */
import { DEVICE_KINDS, isBoardProfile, type BoardProfile, type DeviceKind } from "../boards/profile.ts";
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

const isAddress = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/** What is wrong with a hand-made board profile, if anything: the rest of Phase3 relies on its shape. */
export function profileFlaw(board: Record<string, unknown>): string | undefined {
  if (typeof board.name !== "string" || board.name === "") return "it needs a name";
  if (!Number.isInteger(board.harts) || (board.harts as number) < 1) return `harts must be a whole number of at least 1, not ${shown(board.harts)}`;
  const isa = board.isa;
  if (!isRecord(isa) || !Array.isArray(isa.extensions) || typeof isa.march !== "string" || typeof isa.mabi !== "string" || (isa.xlen !== 32 && isa.xlen !== 64)) {
    return "isa needs xlen (32 or 64), march, mabi and a list of extensions";
  }
  const ram = field(board.memory, "ram");
  if (!isAddress(field(ram, "base")) || !isAddress(field(ram, "size"))) return "memory.ram needs a base and a size in bytes";
  const reserved = field(board.memory, "reserved");
  if (reserved !== undefined && (!Array.isArray(reserved) || !reserved.every((r) => isAddress(field(r, "base")) && isAddress(field(r, "size"))))) {
    return "memory.reserved must be a list of { base, size, reason }";
  }
  if (!isRecord(board.devices)) return "devices must be an object of device profiles by name";
  for (const [name, d] of Object.entries(board.devices)) {
    if (!isAddress(field(d, "base")) || !isAddress(field(d, "size")) || !Array.isArray(field(d, "irqs")) || !(field(d, "irqs") as unknown[]).every(isAddress)) {
      return `device "${name}" needs a base, a size and a list of interrupt numbers`;
    }
    if (!DEVICE_KINDS.includes(field(d, "kind") as DeviceKind)) return `device "${name}" is of kind ${shown(field(d, "kind"))}; use one of ${DEVICE_KINDS.join(", ")}`;
  }
  for (const role of ["console", "interruptController", "timer"]) {
    if (typeof board[role] !== "string" || !Object.hasOwn(board.devices, board[role] as string)) return `${role} must name one of its devices`;
  }
  if (board.exitDevice !== undefined && (typeof board.exitDevice !== "string" || !Object.hasOwn(board.devices, board.exitDevice))) return "exitDevice must name one of its devices";
  if (!Number.isInteger(board.timebaseHz) || (board.timebaseHz as number) <= 0) return "timebaseHz must be a positive whole number";
  return undefined;
}

/** The board, when it is a well-formed board profile (`board-invalid` says what is wrong otherwise). */
export function boardOf(system: unknown): BoardProfile | undefined {
  const board = field(system, "board");
  return isBoardProfile(board) && isRecord(board) && profileFlaw(board) === undefined ? board : undefined;
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

/** A JSON-ish rendering of a wrong value for a message: "abc", 12, null, an object. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

export type { SpecPath };
