/**
 * The memory plan in hypervisor mode. Host physical layout (RAM grows upwards):
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
 *             | pristine images           |  of partitions that may restart
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
import type { System } from "../system.ts";
import { formatSize } from "../units.ts";
import {
  DEFAULT_STACK_SIZE, DEVICE_TREE_SIZE, GiB, GSTAGE_ROOT_SIZE, GUARD_SIZE, GUEST_RAM_BASE, HYPERVISOR_RESERVE, LEVEL_SIZE, PAGE_SIZE,
  SHARED_WINDOW_BASE, accessOf, alignUp, partitionAlignment, reservedProblems, restarts, sharedObjects, sizeOf, splitIntoLeaves,
  type LayoutProblem, type Leaf, type Mapping, type PartitionPlacement, type PlanResult, type SharedPlacement,
} from "./plan.ts";

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

export function planHypervisor(system: System): PlanResult {
  const problems: LayoutProblem[] = [];
  const ram = system.board.memory.ram;
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
  for (const o of sharedObjects(system)) placeShared(o.kind, o.name, o.bytes);

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
    const image = { base: GUEST_RAM_BASE, limit: stackSize > 0 ? guard : deviceTree };
    partitions.push({ name, host, size, guest: GUEST_RAM_BASE, stackSize, guard, stackTop, deviceTree, image, mappings, leaves, tables: [], pmp: [] });
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
  if (problems.length === 0) problems.push(...reservedProblems(system, partitions, end));
  return problems.length ? { ok: false, problems } : { ok: true, plan: { mode: "hypervisor", firmware: hypervisor, partitions, shared, tables, pristine, end } };
}
