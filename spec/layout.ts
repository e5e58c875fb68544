/**
 * Where everything goes in memory, decided once from the spec.
 *
 * The validator uses this plan to say whether a system fits; the generator
 * uses the same plan to emit addresses and G-stage page tables. Nothing here
 * encodes page-table bits (that is generator/lower/gstage.ts); it decides
 * placement and page sizes.
 *
 * Host physical layout in hypervisor mode (RAM grows upwards):
 *
 *   ram.base  +---------------------------+
 *             | firmware: M stage and     |  HYPERVISOR_RESERVE, fixed, so the
 *             | hypervisor text/data/bss  |  link can check it fits
 *             +---------------------------+
 *             | partition 0 RAM           |  4K aligned, 2M aligned when its
 *             | partition 1 RAM ...       |  size is a multiple of 2M
 *             +---------------------------+
 *             | shared regions            |  spec order
 *             | channel buffers           |  spec order, msgSize x depth each
 *             +---------------------------+
 *             | G-stage page tables       |  16K aligned roots, then 4K tables
 *             +---------------------------+
 *
 * Guest-physical view of a partition:
 *
 *   device windows      at their host addresses, read-write, if granted
 *   GUEST_RAM_BASE      its RAM: the device tree in the top page; an app's
 *                       stack below it, and an unmapped guard page below that
 *   SHARED_WINDOW_BASE  shared regions and channel buffers it may use, each at
 *                       the same address in every partition that maps it
 */
import type { Access, System } from "./system.ts";
import { formatSize, parseSize } from "./units.ts";

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const PAGE_SIZE = 4 * KiB;
/** Bytes of RAM set aside for the firmware itself (checked at link time). */
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

export interface PartitionPlacement {
  name: string;
  /** Host-physical base and size of the partition's RAM. */
  host: number;
  size: number;
  /** Guest-physical base of its RAM. */
  guest: number;
  /** An app's stack (0 for a guest image, which manages its own). */
  stackSize: number;
  /** Guest-physical bounds: an app's guard page sits at [guard, guard + GUARD_SIZE). 0 for a guest image. */
  guard: number;
  stackTop: number;
  /** Guest-physical address of its device tree (the top page of its RAM). */
  deviceTree: number;
  mappings: Mapping[];
  leaves: Leaf[];
  /** Its G-stage tables, root first. */
  tables: TablePage[];
}

export interface MemoryPlan {
  hypervisor: { base: number; size: number };
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
  rule: "memory-exceeds-ram" | "memory-overcommitted" | "memory-hits-reserved" | "stack-too-large";
  path: (string | number)[];
  message: string;
}

export type PlanResult = { ok: true; plan: MemoryPlan } | { ok: false; problems: LayoutProblem[] };

export const alignUp = (value: number, align: number): number => Math.ceil(value / align) * align;
const hex = (n: number): string => `0x${n.toString(16)}`;

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

/** The table pages a set of leaves needs below the root, in walk order. */
function tablesBelowRoot(leaves: Leaf[]): { level: 0 | 1; covers: number }[] {
  const needed = new Map<string, { level: 0 | 1; covers: number }>();
  for (const leaf of leaves) {
    if (leaf.level <= 1) {
      const covers = Math.floor(leaf.guest / GiB) * GiB;
      needed.set(`1:${covers}`, { level: 1, covers });
    }
    if (leaf.level === 0) {
      const covers = Math.floor(leaf.guest / LEVEL_SIZE[1]) * LEVEL_SIZE[1];
      needed.set(`0:${covers}`, { level: 0, covers });
    }
  }
  return [...needed.values()].sort((a, b) => b.level - a.level || a.covers - b.covers);
}

/** The size a partition asked for, or undefined when it is not a valid size (the validator reports that). */
function sizeOf(value: unknown): number | undefined {
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

const ACCESS_PERMS: Record<Access, Permissions> = { r: "r", rw: "rw", rx: "rx" };

/** How a partition maps a shared object: a region's access list; a channel's sender writes, its receiver reads. */
function accessOf(system: System, s: SharedPlacement, partition: string): Permissions | undefined {
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

/**
 * Places the firmware, each partition and the page tables in the board's RAM.
 * Partitions whose sizes are invalid are skipped (other rules report them).
 */
export function planMemory(system: System): PlanResult {
  const problems: LayoutProblem[] = [];
  const ram = system.board.memory.ram;
  const reserved = system.board.memory.reserved ?? [];
  const hypervisor = { base: ram.base, size: HYPERVISOR_RESERVE };
  let cursor = hypervisor.base + hypervisor.size;
  const partitions: PartitionPlacement[] = [];

  // Partitions' RAM, in spec order.
  const ramOf = new Map<string, { host: number; size: number; stackSize: number }>();
  for (const [name, spec] of Object.entries(system.partitions ?? {})) {
    const size = sizeOf(spec.memory);
    if (size === undefined) continue;
    const isApp = spec.image === undefined;
    const stackSize = !isApp ? 0 : spec.stack === undefined ? DEFAULT_STACK_SIZE : sizeOf(spec.stack);
    if (stackSize === undefined) continue;
    if (stackSize + GUARD_SIZE + DEVICE_TREE_SIZE + PAGE_SIZE > size) {
      problems.push({
        rule: "stack-too-large",
        path: ["partitions", name, spec.stack === undefined ? "memory" : "stack"],
        message: isApp
          ? `partition "${name}" has ${formatSize(size)} of memory, too little for a ${formatSize(stackSize)} stack, its guard page, its device tree and one page of code`
          : `partition "${name}" has ${formatSize(size)} of memory, too little for its device tree and one page of its image`,
      });
      continue;
    }
    const host = alignUp(cursor, partitionAlignment(size));
    cursor = host + size;
    ramOf.set(name, { host, size, stackSize });
  }

  // Shared regions, then channel buffers: one host copy each, one guest address for all users.
  const shared: SharedPlacement[] = [];
  let window = SHARED_WINDOW_BASE;
  const placeShared = (kind: SharedPlacement["kind"], name: string, bytes: number) => {
    const size = alignUp(bytes, PAGE_SIZE);
    const host = alignUp(cursor, PAGE_SIZE);
    cursor = host + size;
    shared.push({ kind, name, host, guest: window, size });
    window += size + GUARD_SIZE; // an unmapped page between neighbours
  };
  for (const [name, region] of Object.entries(system.shared ?? {})) {
    const size = sizeOf(region?.size);
    if (size !== undefined) placeShared("region", name, size);
  }
  for (const [name, channel] of Object.entries(system.channels ?? {})) {
    const bytes = channelBytes(channel);
    if (bytes !== undefined) placeShared("channel", name, bytes);
  }

  // Stop before building page tables for a system that cannot fit: a mapping
  // larger than RAM would need more leaves than are worth listing.
  const ramEnd = ram.base + ram.size;
  if (cursor > ramEnd) {
    const tooBig = [...ramOf].filter(([, p]) => HYPERVISOR_RESERVE + p.size + GSTAGE_ROOT_SIZE > ram.size);
    for (const [name, p] of tooBig) {
      problems.push({
        rule: "memory-exceeds-ram",
        path: ["partitions", name, "memory"],
        message: `partition "${name}" needs ${formatSize(p.size)} but the board has ${formatSize(ram.size)} of RAM, ${formatSize(HYPERVISOR_RESERVE)} of it for the firmware`,
      });
    }
    if (tooBig.length === 0) {
      const first = [...ramOf].find(([, p]) => p.host + p.size > ramEnd);
      const region = shared.find((x) => x.host + x.size > ramEnd);
      problems.push({
        rule: "memory-overcommitted",
        path: first ? ["partitions", first[0], "memory"] : region ? [region.kind === "region" ? "shared" : "channels", region.name] : ["partitions"],
        message: `the system needs ${formatSize(cursor - ram.base)} before its page tables, more than the board's ${formatSize(ram.size)} of RAM; ${first ? `"${first[0]}" is the first partition that does not fit` : region ? `${region.kind === "region" ? "shared region" : "channel"} "${region.name}" is the first that does not fit` : "shrink something"}`,
      });
    }
    return { ok: false, problems };
  }

  for (const [name, spec] of Object.entries(system.partitions ?? {})) {
    const placed = ramOf.get(name);
    if (!placed) continue;
    const { host, size, stackSize } = placed;
    const mappings: Mapping[] = [];
    let guard = 0;
    let stackTop = 0;
    const deviceTree = GUEST_RAM_BASE + size - DEVICE_TREE_SIZE;
    if (stackSize > 0) {
      stackTop = deviceTree;
      guard = stackTop - stackSize - GUARD_SIZE;
      mappings.push(
        { guest: GUEST_RAM_BASE, host, size: guard - GUEST_RAM_BASE, perms: "rwx", what: "ram" },
        { guest: guard + GUARD_SIZE, host: host + (guard + GUARD_SIZE - GUEST_RAM_BASE), size: stackSize, perms: "rw", what: "stack" },
        { guest: deviceTree, host: host + (deviceTree - GUEST_RAM_BASE), size: DEVICE_TREE_SIZE, perms: "r", what: "device tree" },
      );
    } else {
      // a guest owns all of its RAM; its device tree tells it to leave the top page alone
      mappings.push({ guest: GUEST_RAM_BASE, host, size, perms: "rwx", what: "ram" });
    }
    for (const s of shared) {
      const perms = accessOf(system, s, name);
      if (perms) mappings.push({ guest: s.guest, host: s.host, size: s.size, perms, what: `${s.kind === "region" ? "shared" : "channel"} ${s.name}` });
    }
    for (const device of spec.devices ?? []) {
      const d = system.board.devices[device];
      if (!d) continue;
      const base = Math.floor(d.base / PAGE_SIZE) * PAGE_SIZE;
      const windowSize = alignUp(d.base + d.size, PAGE_SIZE) - base;
      mappings.push({ guest: base, host: base, size: windowSize, perms: "rw", what: `device ${device}`, device });
    }
    mappings.sort((x, y) => x.guest - y.guest);
    const leaves = mappings.flatMap(splitIntoLeaves);
    partitions.push({ name, host, size, guest: GUEST_RAM_BASE, stackSize, guard, stackTop, deviceTree, mappings, leaves, tables: [] });
  }

  // Tables go last, so that partition addresses do not depend on their size.
  const tablesBase = alignUp(cursor, GSTAGE_ROOT_SIZE);
  cursor = tablesBase;
  // Every root first, so that each stays 16K aligned (a hart ignores the two
  // low bits of hgatp's PPN: an unaligned root is another table), then the 4K tables.
  for (const p of partitions) {
    p.tables.push({ base: cursor, level: 2, covers: 0 });
    cursor += GSTAGE_ROOT_SIZE;
  }
  for (const p of partitions) {
    for (const t of tablesBelowRoot(p.leaves)) {
      p.tables.push({ base: cursor, ...t });
      cursor += PAGE_SIZE;
    }
  }
  const tables = { base: tablesBase, size: cursor - tablesBase };
  const restartable = partitions.filter((p) => restarts(system.partitions[p.name]?.onFault));
  const pristine = { base: cursor, size: restartable.reduce((n, p) => n + p.size, 0) };
  cursor += pristine.size;
  const end = cursor;

  const tooBig = partitions.filter((p) => HYPERVISOR_RESERVE + p.size + GSTAGE_ROOT_SIZE > ram.size);
  for (const p of tooBig) {
    problems.push({
      rule: "memory-exceeds-ram",
      path: ["partitions", p.name, "memory"],
      message: `partition "${p.name}" needs ${formatSize(p.size)} but the board has ${formatSize(ram.size)} of RAM, ${formatSize(HYPERVISOR_RESERVE)} of it for the firmware`,
    });
  }
  if (tooBig.length === 0 && end > ramEnd) {
    const first = partitions.find((p) => p.host + p.size > ramEnd) ?? partitions[partitions.length - 1];
    problems.push({
      rule: "memory-overcommitted",
      path: ["partitions", first.name, "memory"],
      message: `the partitions need ${formatSize(end - ram.base)} with the firmware and page tables, more than the board's ${formatSize(ram.size)} of RAM; "${first.name}" is the first that does not fit`,
    });
  }
  if (problems.length === 0) {
    for (const r of reserved) {
      if (r.base < end && ram.base < r.base + r.size) {
        const victim = partitions.find((p) => p.host < r.base + r.size && r.base < p.host + p.size) ?? partitions[partitions.length - 1];
        problems.push({
          rule: "memory-hits-reserved",
          path: victim ? ["partitions", victim.name, "memory"] : ["board"],
          message: `the system uses RAM up to ${hex(end)}, which overlaps ${hex(r.base)}-${hex(r.base + r.size)}: ${r.reason}`,
        });
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan: { hypervisor, partitions, shared, tables, pristine, end } };
}
