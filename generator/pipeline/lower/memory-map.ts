/**
 * The memory maps, decided once: the host-physical layout (every byte of RAM
 * accounted for: firmware, partitions, shared objects, page tables, pristine
 * images, what the board reserves, and what is free), code memory where the
 * board executes in place, and each partition's own view. p3_config.h draws
 * them (drawMap) and report.txt tabulates them, from these same rows.
 */
import { GUARD_SIZE, type MemoryPlan, type PartitionPlacement } from "../../../spec/layout/index.ts";
import type { BoardProfile } from "../../../spec/boards/profile.ts";
import { formatSize } from "../../../spec/units.ts";
import { hex } from "./format.ts";
import type { GuestViewModel, MapRowModel, MemoryMapModel } from "./model.ts";

/** What runs the machine, as people call it in each mode. */
export const kernelName = (plan: MemoryPlan) => (plan.mode === "hypervisor" ? "hypervisor" : "kernel");

/** A memory's rows in address order, with the gaps between them, so that the map accounts for all of it. */
function withGaps(rows: MapRowModel[], memory: { base: number; size: number }): MapRowModel[] {
  const sorted = [...rows].sort((a, b) => a.start - b.start);
  const all: MapRowModel[] = [];
  let at = memory.base;
  for (const r of sorted) {
    if (r.start > at) all.push({ start: at, end: r.start, what: "free" });
    all.push(r);
    at = Math.max(at, r.end);
  }
  if (at < memory.base + memory.size) all.push({ start: at, end: memory.base + memory.size, what: "free" });
  return all;
}

export function hostMemory(plan: MemoryPlan, board: BoardProfile): MemoryMapModel {
  const ram = board.memory.ram;
  const kernel = kernelName(plan);
  const rows: MapRowModel[] = [
    { start: plan.firmware.base, end: plan.firmware.base + plan.firmware.size, what: plan.firmwareCode ? `${kernel}: data, bss and stacks (its fixed reserve)` : `${kernel} (its fixed reserve)` },
    ...plan.partitions.map((p) => ({ start: p.host, end: p.host + p.size, what: `partition ${p.name}` })),
    ...plan.shared.map((s) => ({ start: s.host, end: s.host + s.size, what: `${s.kind === "region" ? "shared region" : "channel buffer"} ${s.name}` })),
  ];
  if (plan.mode === "hypervisor") rows.push({ start: plan.tables.base, end: plan.tables.base + plan.tables.size, what: "G-stage page tables" });
  if (plan.pristine.size > 0) rows.push({ start: plan.pristine.base, end: plan.pristine.base + plan.pristine.size, what: "pristine images of restartable partitions" });
  for (const r of board.memory.reserved ?? []) rows.push({ start: r.base, end: r.base + r.size, what: `reserved: ${r.reason}` });
  return { title: `Host physical memory: ${formatSize(ram.size)} of RAM at ${hex(ram.base)}`, base: ram.base, size: ram.size, rows: withGaps(rows, ram) };
}

/** Where code runs, on a board that executes from flash or a separate instruction memory. */
export function codeMemory(plan: MemoryPlan, board: BoardProfile): MemoryMapModel | undefined {
  const code = board.memory.code;
  if (!plan.firmwareCode || !code) return undefined;
  const rows = [
    { start: plan.firmwareCode.base, end: plan.firmwareCode.base + plan.firmwareCode.size, what: "kernel: text, read-only data, initial data" },
    ...plan.partitions.flatMap((p) => (p.code ? [{ start: p.code.base, end: p.code.base + p.code.size, what: `partition ${p.name}: code and initial data` }] : [])),
  ];
  return { title: `Code memory: ${formatSize(code.size)} at ${hex(code.base)}, executed in place`, base: code.base, size: code.size, rows: withGaps(rows, code) };
}

/** What a partition can reach: its guest-physical view, or what its PMP entries cover. */
export function guestView(plan: MemoryPlan, p: PartitionPlacement, board: BoardProfile): GuestViewModel {
  const rows = p.mappings.map((m) => ({ start: m.guest, end: m.guest + m.size, access: m.perms as string, what: m.what, host: hex(m.host) }));
  if (p.guard) rows.push({ start: p.guard, end: p.guard + GUARD_SIZE, access: "-", what: "guard page (unmapped)", host: "-" });
  rows.sort((a, b) => a.start - b.start);
  const title =
    plan.mode === "hypervisor"
      ? `Partition ${p.name}: guest-physical view`
      : `Partition ${p.name}: what its PMP entries reach (${p.pmp.length} of ${board.pmp?.entries ?? "?"} entries; everything else faults)`;
  return { title, rows };
}

const WIDTH = 60;

/** A memory map drawn as boxes, for a C comment. */
export function drawMap(map: MemoryMapModel): string[] {
  const edge = `+${"-".repeat(WIDTH)}+`;
  const lines = [map.title, ""];
  let previousEnd: number | undefined;
  for (const r of map.rows) {
    if (previousEnd !== r.start) lines.push(`${hex(r.start)} ${edge}`);
    lines.push(`${" ".repeat(10)} | ${`${r.what} (${formatSize(r.end - r.start)})`.padEnd(WIDTH - 2)} |`);
    lines.push(`${hex(r.end)} ${edge}`);
    previousEnd = r.end;
  }
  return lines;
}
