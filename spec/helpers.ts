/**
 * Typed helpers for the parts of a spec written outside defineSystem's own
 * object: a partition made by a function, a size kept in a constant.
 *
 * TypeScript widens a literal it does not see used where a Size is wanted:
 * `const rogue = (app: string) => ({ app, memory: "128K", hart: 0 })` gives
 * `memory: string`, which is not a Size. These keep the literal types, as
 * `as const` does, and check the value where it is written:
 *
 *     const worker = (app: string) => partition({ app, memory: "128K", hart: 0 });
 *     const STACK = size("16K");
 */
import type { PartitionSpec } from "./system.ts";
import type { Size, Time } from "./units.ts";

/** A partition, checked and kept as written (device names are checked against the board in defineSystem). */
export function partition<const T extends PartitionSpec>(spec: T): T {
  return spec;
}

/** A size such as "128K", kept as a Size. */
export function size<const S extends Size>(value: S): S {
  return value;
}

/** A duration such as "10ms", kept as a Time. */
export function time<const T extends Time>(value: T): T {
  return value;
}
