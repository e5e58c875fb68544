/**
 * The memory plan in microkernel mode: an M-mode kernel, partitions in U-mode
 * at their physical addresses, each confined by the PMP entries computed here.
 *
 * On a board whose code runs from RAM (QEMU virt, Shakti C):
 *
 *   ram.base  +---------------------------+
 *             | kernel text/data/bss      |  MICROKERNEL_RESERVE
 *             +---------------------------+
 *             | partition RAM: its stack  |  aligned to its size when that is
 *             | at the bottom, then its   |  a power of two (one NAPOT entry),
 *             | image (code, data, bss)   |  else to 4K (TOR, two entries)
 *             +---------------------------+
 *             | shared regions, channel   |  each a power of two, aligned to
 *             | buffers                   |  its size: one NAPOT entry
 *             +---------------------------+
 *             | pristine images           |  of partitions that may restart
 *             +---------------------------+
 *
 * On a board that executes from flash or a separate instruction memory
 * (E300, NEORV32), code stays there: the kernel's at the start of the code
 * memory, each partition's in a window of its own after it (read-execute);
 * RAM holds only the kernel's data and stacks (KERNEL_DATA_RESERVE) and each
 * partition's stack, data and bss. A restart needs no pristine copy: the
 * app's start-up code copies its data from flash again.
 *
 * The stack sits at the bottom of a partition's RAM, so an overflow runs
 * into memory no entry of the partition covers and faults at once.
 */
import type { System } from "../system.ts";
import { formatSize, hex, parseSize } from "../units.ts";
import {
  DEFAULT_STACK_SIZE, KiB, PAGE_SIZE, accessOf, alignUp, isPowerOfTwo, reservedProblems, restarts, sharedObjects, sizeOf,
  type LayoutProblem, type Mapping, type PartitionPlacement, type PlanResult, type SharedPlacement, type Span,
} from "./plan.ts";
import { pmpEntries, type PmpEntry } from "./pmp.ts";

/** RAM for the kernel's code, data, bss and hart stacks where code runs from RAM (checked at link time). */
export const MICROKERNEL_RESERVE = 64 * KiB;
/** RAM for the kernel's data, bss and hart stacks where its code runs from code memory. */
export const KERNEL_DATA_RESERVE = 4 * KiB;
/** Code memory for the kernel's text, read-only data and initial data. */
export const KERNEL_CODE_RESERVE = 32 * KiB;
/** The largest code window a partition gets; smaller when the code memory is small. */
export const MAX_CODE_WINDOW = 64 * KiB;
/** The smallest code window worth having. */
export const MIN_CODE_WINDOW = 4 * KiB;
/** What a partition's RAM must hold beside its stack: its data and bss (and, from RAM, its code). */
export const MIN_IMAGE_BYTES = 1 * KiB;
/** The RISC-V calling convention keeps sp 16-byte aligned. */
export const STACK_ALIGN = 16;

/** A microkernel stack size: a positive multiple of 16 bytes, or undefined (the validator says why). */
export function stackSizeOf(value: unknown): number | undefined {
  const parsed = parseSize(value);
  return parsed.ok && parsed.value > 0 && parsed.value % STACK_ALIGN === 0 ? parsed.value : undefined;
}

/** A shared object's PMP-friendly size: a power of two, at least 8 bytes and the PMP granularity. */
function napotSize(bytes: number, granularity: number): number {
  return Math.max(2 ** Math.ceil(Math.log2(Math.max(bytes, 1))), 8, granularity);
}

/** What a PMP entry list covers, for the pmp-entries-exceeded message: "its ram (2)" when a range takes two (TOR). */
function describeEntries(entries: PmpEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const what = e.what.replace(/ \(its base\)$/, "");
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  const named = (what: string) => (/^(device|channel|shared) /.test(what) ? what : `its ${what === "ram" ? "RAM" : what}`);
  return [...counts].map(([what, n]) => (n === 1 ? named(what) : `${named(what)} (${n})`)).join(", ");
}

export function planMicrokernel(system: System): PlanResult {
  const problems: LayoutProblem[] = [];
  const board = system.board;
  const ram = board.memory.ram;
  const codeMemory = board.memory.code;
  const granularity = board.pmp?.granularity ?? 4;
  const firmware: Span = { base: ram.base, size: codeMemory ? KERNEL_DATA_RESERVE : MICROKERNEL_RESERVE };
  const firmwareCode: Span | undefined = codeMemory ? { base: codeMemory.base, size: KERNEL_CODE_RESERVE } : undefined;
  let cursor = firmware.base + firmware.size;

  // Partitions' RAM, in spec order.
  const placed: { name: string; host: number; size: number; stackSize: number }[] = [];
  for (const [name, spec] of Object.entries(system.partitions ?? {})) {
    const size = sizeOf(spec.memory);
    if (size === undefined || spec.image !== undefined) continue; // image-needs-h says why
    const stackSize = spec.stack === undefined ? DEFAULT_STACK_SIZE : stackSizeOf(spec.stack);
    if (stackSize === undefined) continue;
    if (stackSize + MIN_IMAGE_BYTES > size) {
      problems.push({
        rule: "stack-too-large",
        path: ["partitions", name, spec.stack === undefined ? "memory" : "stack"],
        message: `partition "${name}" has ${formatSize(size)} of memory, too little for a ${formatSize(stackSize)} stack${spec.stack === undefined ? " (the default)" : ""} and ${formatSize(MIN_IMAGE_BYTES)} for its ${codeMemory ? "data" : "code and data"}; give it a smaller stack, e.g. stack: "1K"`,
      });
      continue;
    }
    const host = alignUp(cursor, isPowerOfTwo(size) ? size : PAGE_SIZE);
    cursor = host + size;
    placed.push({ name, host, size, stackSize });
  }

  // Shared regions, then channel buffers: one NAPOT entry each.
  const shared: SharedPlacement[] = [];
  const placeShared = (kind: SharedPlacement["kind"], name: string, bytes: number) => {
    const size = napotSize(bytes, granularity);
    const host = alignUp(cursor, size);
    cursor = host + size;
    shared.push({ kind, name, host, guest: host, size });
  };
  for (const o of sharedObjects(system)) placeShared(o.kind, o.name, o.bytes);

  // Code windows, when code runs from code memory.
  let window = 0;
  if (codeMemory && placed.length > 0) {
    const room = codeMemory.size - KERNEL_CODE_RESERVE;
    window = Math.min(MAX_CODE_WINDOW, 2 ** Math.floor(Math.log2(Math.max(1, room / placed.length))));
    if (room < MIN_CODE_WINDOW * placed.length) {
      problems.push({
        rule: "code-memory-exceeded",
        path: ["partitions"],
        message: `${board.name}'s code memory is ${formatSize(codeMemory.size)}: after the kernel's ${formatSize(KERNEL_CODE_RESERVE)} it has no ${formatSize(MIN_CODE_WINDOW)} code window for each of ${placed.length} partitions; use fewer partitions or a board with more code memory`,
      });
    }
  }
  const codeStart = firmwareCode ? alignUp(firmwareCode.base + firmwareCode.size, Math.max(window, 1)) : 0;

  // Pristine copies of restartable images, where code runs from RAM.
  const restartable = codeMemory ? [] : placed.filter((p) => restarts(system.partitions[p.name]?.onFault));
  const pristine = { base: alignUp(cursor, 8), size: restartable.reduce((n, p) => n + p.size, 0) };
  cursor = pristine.base + pristine.size;
  const end = cursor;
  const ramEnd = ram.base + ram.size;

  const partitions: PartitionPlacement[] = placed.map(({ name, host, size, stackSize }, index) => {
    const spec = system.partitions[name];
    const code = codeMemory ? { base: codeStart + index * window, size: window } : undefined;
    const mappings: Mapping[] = [{ guest: host, host, size, perms: code ? "rw" : "rwx", what: "ram" }];
    if (code) mappings.push({ guest: code.base, host: code.base, size: code.size, perms: "rx", what: "code" });
    for (const s of shared) {
      const perms = accessOf(system, s, name);
      if (perms) mappings.push({ guest: s.host, host: s.host, size: s.size, perms, what: `${s.kind === "region" ? "shared" : "channel"} ${s.name}` });
    }
    for (const device of spec.devices ?? []) {
      const d = board.devices[device];
      if (d) mappings.push({ guest: d.base, host: d.base, size: alignUp(d.size, granularity), perms: "rw", what: `device ${device}`, device });
    }
    mappings.sort((x, y) => x.guest - y.guest);
    const pmp = pmpEntries(mappings.map((m) => ({ base: m.host, size: m.size, perms: m.perms, what: m.what })));
    const stackTop = host + stackSize;
    return { name, host, size, guest: host, stackSize, guard: 0, stackTop, deviceTree: 0, image: { base: stackTop, limit: host + size }, code, mappings, leaves: [], tables: [], pmp };
  });

  if (codeMemory && partitions.length > 0) {
    const last = partitions[partitions.length - 1].code!;
    if (last.base + last.size > codeMemory.base + codeMemory.size && !problems.some((p) => p.rule === "code-memory-exceeded")) {
      problems.push({
        rule: "code-memory-exceeded",
        path: ["partitions"],
        message: `the partitions' code windows end at ${hex(last.base + last.size)}, past ${board.name}'s code memory (${hex(codeMemory.base)}-${hex(codeMemory.base + codeMemory.size)}); use fewer partitions`,
      });
    }
  }

  if (board.pmp?.napotOnly) {
    for (const p of partitions) {
      const tor = p.pmp.find((e) => e.match === "TOR");
      if (!tor) continue;
      const m = p.mappings.find((x) => x.what === tor.what);
      problems.push({
        rule: "pmp-napot-only",
        path: ["partitions", p.name, tor.what === "ram" ? "memory" : "devices"],
        message: `${tor.what === "ram" ? `the RAM of partition "${p.name}"` : `${tor.what} of partition "${p.name}"`}${m ? ` (${formatSize(m.size)} at ${hex(m.host)})` : ""} needs a TOR entry, but ${board.name}'s PMP matches NAPOT entries only; give it a power-of-two size`,
      });
    }
  }

  const entries = board.pmp?.entries;
  if (entries !== undefined) {
    for (const p of partitions) {
      if (p.pmp.length > entries) {
        problems.push({
          rule: "pmp-entries-exceeded",
          path: ["partitions", p.name],
          message: `partition "${p.name}" needs ${p.pmp.length} PMP entries (for ${describeEntries(p.pmp)}), but ${board.name} has ${entries}; grant it fewer devices, shared regions or channels, or give its memory a power-of-two size`,
        });
      }
    }
  }

  const tooBig = partitions.filter((p) => firmware.size + p.size > ram.size);
  for (const p of tooBig) {
    problems.push({
      rule: "memory-exceeds-ram",
      path: ["partitions", p.name, "memory"],
      message: `partition "${p.name}" needs ${formatSize(p.size)} but the board has ${formatSize(ram.size)} of RAM, ${formatSize(firmware.size)} of it for the kernel`,
    });
  }
  if (tooBig.length === 0 && end > ramEnd) {
    const first = partitions.find((p) => p.host + p.size > ramEnd);
    const region = shared.find((x) => x.host + x.size > ramEnd);
    problems.push({
      rule: "memory-overcommitted",
      path: first ? ["partitions", first.name, "memory"] : region ? [region.kind === "region" ? "shared" : "channels", region.name] : ["partitions"],
      message: `the system needs ${formatSize(end - ram.base)} with the kernel, more than the board's ${formatSize(ram.size)} of RAM; ${first ? `"${first.name}" is the first partition that does not fit` : region ? `${region.kind === "region" ? "shared region" : "channel"} "${region.name}" is the first that does not fit` : "the pristine copies of restartable images do not fit"}`,
    });
  }
  if (problems.length === 0) problems.push(...reservedProblems(system, partitions, end));
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    plan: { mode: "microkernel", firmware, firmwareCode, partitions, shared, tables: { base: end, size: 0 }, pristine, end },
  };
}
