/**
 * The memory plan's shape, and the helpers both planners share.
 */
import type { Access, ExecutionMode, System } from "../system.ts";
import { hex, parseSize } from "../units.ts";
import type { PmpEntry } from "./pmp.ts";

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const PAGE_SIZE = 4 * KiB;
/** Bytes of RAM set aside for the hypervisor itself (checked at link time). */
export const HYPERVISOR_RESERVE = 128 * KiB;
/** Where a partition's RAM starts in its own guest-physical address space. */
export const GUEST_RAM_BASE = 0x8000_0000;
/** Where shared regions and channel buffers appear in every partition that maps them. */
export const SHARED_WINDOW_BASE = 0xc000_0000;
export const DEFAULT_STACK_SIZE = 8 * KiB;
/** The top page of every partition's RAM holds its device tree (read-only for an app). */
export const DEVICE_TREE_SIZE = PAGE_SIZE;
export const GUARD_SIZE = PAGE_SIZE;
/** An Sv39x4 root table: 2048 entries, 16 KiB, 16 KiB aligned (priv. spec 9.5). */
export const GSTAGE_ROOT_SIZE = 16 * KiB;
/** Sizes of a leaf at each level of an Sv39x4 walk: 4K, 2M, 1G. */
export const LEVEL_SIZE = [PAGE_SIZE, 2 * MiB, GiB] as const;

export type Permissions = "r" | "rw" | "rx" | "rwx";

/** A guest-physical range backed by a host-physical range. */
export interface Mapping {
  guest: number;
  host: number;
  size: number;
  perms: Permissions;
  /** What it is, for reports: "ram", "stack", "shared counter", "channel samples", "device uart0". */
  what: string;
  /** For a device window: the board device it maps. */
  device?: string;
}

/** A shared region or a channel's message buffer, placed once for all its users. */
export interface SharedPlacement {
  kind: "region" | "channel";
  name: string;
  host: number;
  /** Guest-physical address, the same in every partition that maps it. */
  guest: number;
  size: number;
}

/** One leaf entry of a G-stage table: `size` is LEVEL_SIZE[level]. */
export interface Leaf {
  guest: number;
  host: number;
  level: 0 | 1 | 2;
  perms: Permissions;
}

/** One 4K (or 16K root) page of G-stage table and what it translates. */
export interface TablePage {
  /** Host physical address of the table. */
  base: number;
  /** 2 for the root, then 1 and 0. */
  level: 0 | 1 | 2;
  /** Guest-physical address of the first byte this table covers. */
  covers: number;
}

/** A range of addresses. */
export interface Span {
  base: number;
  size: number;
}

export interface PartitionPlacement {
  name: string;
  /** Host-physical base and size of the partition's RAM. */
  host: number;
  size: number;
  /** Guest-physical base of its RAM (its host address in microkernel mode). */
  guest: number;
  /** An app's stack (0 for a guest image, which manages its own). */
  stackSize: number;
  /** Hypervisor mode: an app's guard page sits at [guard, guard + GUARD_SIZE). 0 when there is none. */
  guard: number;
  stackTop: number;
  /** Guest-physical address of its device tree (the top page of its RAM); 0 when it has none (microkernel mode). */
  deviceTree: number;
  /** Where its image goes in RAM: all of it, or only its data where its code runs from code memory. */
  image: { base: number; limit: number };
  /** Microkernel mode on a board that executes from code memory: its code window there (read-execute). */
  code?: Span;
  mappings: Mapping[];
  leaves: Leaf[];
  /** Its G-stage tables, root first (hypervisor mode). */
  tables: TablePage[];
  /** The PMP entries that confine it (microkernel mode), loaded whenever it runs. */
  pmp: PmpEntry[];
}

export interface MemoryPlan {
  mode: ExecutionMode;
  /** The firmware's RAM, a fixed reserve at the bottom: its code, data, bss and stacks (only the last three where its code runs from code memory). */
  firmware: Span;
  /** Where the firmware's code runs when the board executes from a separate code memory (flash, IMEM). */
  firmwareCode?: Span;
  partitions: PartitionPlacement[];
  shared: SharedPlacement[];
  tables: { base: number; size: number };
  /** Pristine copies of restartable partitions' images: at most their RAM each. */
  pristine: { base: number; size: number };
  /** First byte after everything the firmware uses. */
  end: number;
}

/** A reason the system does not fit, attached to the spec path it is about. */
export interface LayoutProblem {
  rule: "memory-exceeds-ram" | "memory-overcommitted" | "memory-hits-reserved" | "stack-too-large" | "code-memory-exceeded" | "pmp-entries-exceeded" | "pmp-napot-only";
  path: (string | number)[];
  message: string;
}

export type PlanResult = { ok: true; plan: MemoryPlan } | { ok: false; problems: LayoutProblem[] };

export const alignUp = (value: number, align: number): number => Math.ceil(value / align) * align;
export const isPowerOfTwo = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

/** Largest alignment a partition's RAM benefits from: 2M pages when it is a multiple of 2M. */
export function partitionAlignment(size: number): number {
  return size % LEVEL_SIZE[1] === 0 ? LEVEL_SIZE[1] : PAGE_SIZE;
}

/** Splits a mapping into the fewest leaves: the largest page both addresses allow. */
export function splitIntoLeaves(m: Mapping): Leaf[] {
  const leaves: Leaf[] = [];
  let offset = 0;
  while (offset < m.size) {
    const guest = m.guest + offset;
    const host = m.host + offset;
    const left = m.size - offset;
    let level: 0 | 1 | 2 = 0;
    for (const candidate of [2, 1] as const) {
      const size = LEVEL_SIZE[candidate];
      if (guest % size === 0 && host % size === 0 && left >= size) {
        level = candidate;
        break;
      }
    }
    leaves.push({ guest, host, level, perms: m.perms });
    offset += LEVEL_SIZE[level];
  }
  return leaves;
}

/** The size a partition asked for, or undefined when it is not a valid size (the validator reports that). */
export function sizeOf(value: unknown): number | undefined {
  const parsed = parseSize(value);
  return parsed.ok && parsed.value > 0 && parsed.value % PAGE_SIZE === 0 ? parsed.value : undefined;
}

/** Whether a fault policy restarts the partition (and so needs a pristine copy of its image). */
export function restarts(policy: unknown): boolean {
  return policy === "restart" || (typeof policy === "object" && policy !== null && "restart" in policy);
}

/** Bytes of a channel's message buffer, or undefined when its sizes are invalid (other rules say so). */
export function channelBytes(channel: { msgSize?: unknown; depth?: unknown } | undefined): number | undefined {
  const msgSize = parseSize(channel?.msgSize);
  const depth = channel?.depth;
  if (!msgSize.ok || msgSize.value === 0 || typeof depth !== "number" || !Number.isInteger(depth) || depth < 1) return undefined;
  return msgSize.value * depth;
}

/** The shared objects both planners place, in placement order: regions, then channel buffers, each in spec order (invalid sizes left out; other rules say so). */
export function sharedObjects(system: System): { kind: SharedPlacement["kind"]; name: string; bytes: number }[] {
  const objects: { kind: SharedPlacement["kind"]; name: string; bytes: number }[] = [];
  for (const [name, region] of Object.entries(system.shared ?? {})) {
    const bytes = sizeOf(region?.size);
    if (bytes !== undefined) objects.push({ kind: "region", name, bytes });
  }
  for (const [name, channel] of Object.entries(system.channels ?? {})) {
    const bytes = channelBytes(channel);
    if (bytes !== undefined) objects.push({ kind: "channel", name, bytes });
  }
  return objects;
}

const ACCESS_PERMS: Record<Access, Permissions> = { r: "r", rw: "rw", rx: "rx" };

/** How a partition maps a shared object: a region's access list; a channel's sender writes, its receiver reads. */
export function accessOf(system: System, s: SharedPlacement, partition: string): Permissions | undefined {
  if (s.kind === "region") {
    const access = system.shared?.[s.name]?.access as Record<string, Access | undefined> | undefined;
    const a = access?.[partition];
    return a && a in ACCESS_PERMS ? ACCESS_PERMS[a] : undefined;
  }
  const channel = system.channels?.[s.name];
  if (channel?.from === partition) return "rw";
  if (channel?.to === partition) return "r";
  return undefined;
}

/** Where something that does not fit first shows: problems shared by both planners. */
export function reservedProblems(system: System, partitions: PartitionPlacement[], end: number): LayoutProblem[] {
  const ram = system.board.memory.ram;
  const problems: LayoutProblem[] = [];
  for (const r of system.board.memory.reserved ?? []) {
    if (r.base < end && ram.base < r.base + r.size) {
      const victim = partitions.find((p) => p.host < r.base + r.size && r.base < p.host + p.size) ?? partitions[partitions.length - 1];
      problems.push({
        rule: "memory-hits-reserved",
        path: victim ? ["partitions", victim.name, "memory"] : ["board"],
        message: `the system uses RAM up to ${hex(end)}, which overlaps ${hex(r.base)}-${hex(r.base + r.size)}: ${r.reason}`,
      });
    }
  }
  return problems;
}
