/**
 * The system description: plain data with thin typed builders.
 *
 * `defineSystem` returns exactly what it is given (plus a marker); it checks
 * nothing at run time. Names are typed: the keys of `partitions` become a
 * type that every later reference to a partition must use, so a wrong name is
 * an editor error. Everything types cannot express is checked by
 * `validate()` in spec/validate.
 */
import type { BoardProfile } from "./boards/profile.ts";
import type { Size } from "./units.ts";

/** One isolated workload: an app, its memory and the hart it runs on. */
export interface PartitionSpec {
  /**
   * The app's C source file, or a list of them, relative to the spec file.
   * The app is a plain `int main(void)` written against `<phase3.h>`.
   */
  app: string | readonly string[];
  /** RAM for the partition, e.g. "256K". A multiple of 4K. */
  memory: Size;
  /** The hart (0-based) that runs this partition. */
  hart: number;
  /** Stack size inside `memory`, e.g. "8K". A multiple of 4K. Default "8K". */
  stack?: Size;
}

export interface SystemSpec<P extends string = string, D extends string = string> {
  /** The system's name: a C identifier, used for the build folder and image names. */
  name: string;
  /** The board it runs on, from `boards`. */
  board: BoardProfile<D>;
  /** The partitions, by name. Each name must be a C identifier. */
  partitions: { [K in P]: PartitionSpec };
}

/** A validated-by-type system description, as returned by {@link defineSystem}. */
export type System<P extends string = string, D extends string = string> = SystemSpec<P, D> & {
  readonly kind: "system";
};

/**
 * Describes a system. The argument is returned unchanged, marked as a system.
 *
 * @example
 * export default defineSystem({
 *   name: "hello",
 *   board: boards.qemuVirt({ harts: 1, ram: "128M" }),
 *   partitions: {
 *     ping: { app: "ping.c", memory: "256K", hart: 0 },
 *   },
 * });
 */
export function defineSystem<const P extends string, D extends string>(spec: SystemSpec<P, D>): System<P, D> {
  return { ...spec, kind: "system" };
}

export function isSystem(value: unknown): value is System {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "system";
}
