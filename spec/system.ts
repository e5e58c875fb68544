/**
 * The system description: plain data with thin typed builders.
 *
 * `defineSystem` returns exactly what it is given (plus a marker); it checks
 * nothing at run time. Names are typed: the keys of `partitions` become a
 * type that every later reference to a partition must use (a channel's
 * endpoints, a shared region's access list, a schedule window), and device
 * names come from the board, so a wrong name is an editor error. Everything
 * types cannot express is checked by `validate()` in spec/validate.
 */
import type { BoardProfile } from "./boards/profile.ts";
import type { Size, Time } from "./units.ts";

/**
 * What happens when a partition faults (bad access, illegal instruction,
 * watchdog expiry, budget overrun):
 * - `"stop"`: it stops for good; the others run on (the default);
 * - `"restart"`: it restarts from its pristine image, up to 3 times, then stops;
 * - `{ restart: n }`: the same, up to n times;
 * - `"halt"`: the whole system stops with a non-zero status.
 */
export type FaultPolicy = "stop" | "restart" | "halt" | { restart: number };

/** An unmodified S-mode guest, such as U-Boot or Linux, instead of a Phase3 app (hypervisor mode only). */
export interface GuestImage {
  /** The image file, relative to the spec file. */
  file: string;
  /** "binary" (raw, loaded at `load`) or "elf" (loaded by its program headers). Default: from the file name. */
  format?: "binary" | "elf";
  /** Guest-physical address a raw binary is loaded at. Default: the start of the partition's RAM. */
  load?: number;
  /** Guest-physical address of the first instruction. Default: `load` (binary) or the ELF entry. */
  entry?: number;
}

/** One isolated workload: an app (or a guest image), its memory, where it runs and what it may touch. */
export interface PartitionSpec<D extends string = string> {
  /**
   * The app's C source file, or a list of C and assembly files, relative to
   * the spec file. The app is a plain `int main(void)` written against
   * `<phase3.h>`. Give either `app` or `image`.
   */
  app?: string | readonly string[];
  /** An unmodified S-mode guest to run instead of an app (hypervisor mode only). */
  image?: GuestImage;
  /** RAM for the partition, e.g. "256K". A multiple of 4K. */
  memory: Size;
  /**
   * The hart (0-based) that runs this partition, or a list of harts: one
   * vCPU per entry. The first vCPU starts at boot; a guest starts the others
   * through SBI HSM.
   */
  hart: number | readonly number[];
  /** Stack size inside `memory`, e.g. "8K". A multiple of 4K. Default "8K". Apps only. */
  stack?: Size;
  /** Under a priority schedule: 0 to 255, the higher number runs first. Default 0. */
  priority?: number;
  /** Under a priority schedule: CPU time the partition may use in each `period`. */
  budget?: Time;
  /** Under a priority schedule: the period its `budget` renews in. */
  period?: Time;
  /** Board devices granted to this partition: their MMIO windows and interrupts. */
  devices?: readonly D[];
  /** What happens when it faults. Default "stop". */
  onFault?: FaultPolicy;
  /** It must call p3_watchdog_pat() at least this often, or it faults. */
  watchdog?: Time;
  /** Whether bytes typed on the console go to this partition. At most one may. */
  consoleInput?: boolean;
}

/** A one-way message queue between two partitions. */
export interface ChannelSpec<P extends string = string> {
  /** The sending partition. */
  from: P;
  /** The receiving partition. */
  to: P;
  /** Largest message, e.g. 64 or "1K": at least 1 byte, at most 64K. */
  msgSize: Size;
  /** How many messages the queue holds: a whole number from 1 to 4096. */
  depth: number;
  /** Whether a send wakes a receiver waiting in p3_wait. Default true. */
  notify?: boolean;
}

/** How a partition may use a shared region: read, read-write, or read-execute. */
export type Access = "r" | "rw" | "rx";

/** Memory that several partitions map, each with its own access. */
export interface SharedSpec<P extends string = string> {
  /** Size, a non-zero multiple of 4K. */
  size: Size;
  /**
   * Who maps it, and how: at least two partitions. A partition not listed
   * cannot touch it; one that executes it ("rx") may not share it with one
   * that writes it ("rw").
   */
  access: { readonly [K in P]?: Access };
}

/** A time window of a major frame: a partition, or "idle", for a duration. */
export type Window<P extends string = string> = readonly [P | "idle", Time];

/** How one hart shares its time between its partitions. */
export type HartSchedule<P extends string = string> =
  /** ARINC 653 time partitioning: the windows repeat every major frame. */
  | { majorFrame: Time; windows: readonly Window<P>[] }
  /** Highest priority first; `budget`/`period` bound each partition. */
  | { policy: "priority" }
  /** Turns in spec order, `slice` each (default 1ms). The default schedule. */
  | { policy: "round-robin"; slice?: Time };

/**
 * Schedules by hart: `{ hart0: {...}, hart1: {...} }`, each one of:
 * - `{ majorFrame, windows }`: ARINC 653 time partitioning, the windows
 *   (`[partition or "idle", time]`) repeat every major frame and must fit in it;
 * - `{ policy: "priority" }`: highest `priority` first, each partition bounded
 *   by its `budget` per `period`;
 * - `{ policy: "round-robin", slice? }`: turns in spec order, `slice` each (1ms).
 *
 * Harts not named run round robin.
 */
export type ScheduleSpec<P extends string = string> = { readonly [hart: `hart${number}`]: HartSchedule<P> };

/**
 * How partitions are run and isolated. "hypervisor": an HS-mode hypervisor,
 * partitions in VS-mode behind G-stage page tables (needs the H extension).
 * "microkernel": an M-mode kernel, partitions in U-mode behind PMP.
 */
export type ExecutionMode = "hypervisor" | "microkernel";

/**
 * A whole system: the board, the partitions and what connects them. The type
 * parameters are the names of partitions (P), channels (C), shared regions
 * (S) and the board's devices (D), inferred from the spec itself.
 */
export interface SystemSpec<P extends string = string, C extends string = string, S extends string = string, D extends string = string> {
  /** The system's name: a C identifier, used for the build folder and image names. */
  name: string;
  /** The board it runs on, from `boards`. */
  board: BoardProfile<D>;
  /**
   * "hypervisor": partitions in VS-mode behind G-stage tables (needs the H
   * extension); "microkernel": partitions in U-mode behind PMP. Default: the
   * hypervisor when the board has H.
   */
  mode?: ExecutionMode;
  /** The partitions, by name. Each name must be a C identifier. */
  partitions: { [K in P]: PartitionSpec<NoInfer<D>> };
  /** Message channels between partitions, by name. */
  channels?: { [K in C]: ChannelSpec<NoInfer<P>> };
  /** Shared memory regions, by name. */
  shared?: { [K in S]: SharedSpec<NoInfer<P>> };
  /** Per-hart schedules. */
  schedule?: ScheduleSpec<NoInfer<P>>;
}

/** A system description, as returned by {@link defineSystem}. */
export type System<P extends string = string, C extends string = string, S extends string = string, D extends string = string> = SystemSpec<P, C, S, D> & {
  readonly kind: "system";
};

/**
 * Describes a system. The argument is returned unchanged, marked as a system.
 *
 * @example
 * export default defineSystem({
 *   name: "pipeline",
 *   board: boards.qemuVirt({ harts: 2, ram: "256M" }),
 *   partitions: {
 *     sensor: { app: "sensor.c", memory: "256K", hart: 0 },
 *     logger: { app: "logger.c", memory: "256K", hart: 1 },
 *   },
 *   channels: {
 *     samples: { from: "sensor", to: "logger", msgSize: 64, depth: 16 },
 *   },
 * });
 */
export function defineSystem<const P extends string, const C extends string = never, const S extends string = never, D extends string = string>(
  spec: SystemSpec<P, C, S, D>,
): System<P, C, S, D> {
  return { ...spec, kind: "system" };
}

export function isSystem(value: unknown): value is System {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "system";
}

/** The harts a partition's vCPUs run on, in vCPU order. */
export function hartsOf(partition: PartitionSpec): number[] {
  return typeof partition.hart === "number" ? [partition.hart] : [...partition.hart];
}

/** The mode a system runs in: the spec's, or the board's (hypervisor when its harts have H). */
export function executionMode(system: Pick<SystemSpec, "mode" | "board">): ExecutionMode {
  return system.mode ?? (system.board.isa.extensions.includes("h") ? "hypervisor" : "microkernel");
}
