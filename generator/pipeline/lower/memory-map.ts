/**
 * ASCII memory maps for people: the host-physical layout and each
 * partition's guest-physical view. Printed in p3_config.h and report.txt.
 */
import { GUARD_SIZE, type MemoryPlan } from "../../../spec/layout/index.ts";
import { deviceEntries, type BoardProfile } from "../../../spec/boards/profile.ts";
import { formatSize } from "../../../spec/units.ts";
import { hex } from "./format.ts";

interface Block {
  start: number;
  end: number;
  label: string;
}

const WIDTH = 40;

function drawBlocks(blocks: Block[]): string[] {
  const edge = `+${"-".repeat(WIDTH)}+`;
  const lines: string[] = [];
  let previousEnd: number | undefined;
  for (const b of blocks) {
    if (previousEnd !== b.start) lines.push(`${hex(b.start)} ${edge}`);
    lines.push(`${" ".repeat(10)} | ${b.label.padEnd(WIDTH - 2)} |`);
    lines.push(`${hex(b.end)} ${edge}`);
    previousEnd = b.end;
  }
  return lines;
}

export function hostMemoryMap(plan: MemoryPlan, board: BoardProfile): string[] {
  const ram = board.memory.ram;
  const blocks: Block[] = [
    { start: plan.firmware.base, end: plan.firmware.base + plan.firmware.size, label: `firmware (reserve ${formatSize(plan.firmware.size)})` },
    ...plan.partitions.map((p) => ({ start: p.host, end: p.host + p.size, label: `partition ${p.name} (${formatSize(p.size)})` })),
    { start: plan.tables.base, end: plan.tables.base + plan.tables.size, label: `G-stage page tables (${formatSize(plan.tables.size)})` },
  ];
  if (plan.end < ram.base + ram.size) blocks.push({ start: plan.end, end: ram.base + ram.size, label: `free (${formatSize(ram.base + ram.size - plan.end)})` });
  const devices = deviceEntries(board)
    .sort(([, a], [, b]) => a.base - b.base)
    .map(([name, d]) => `${hex(d.base)} ${name.padEnd(10)} ${d.kind.padEnd(13)} ${formatSize(d.size).padStart(5)}${d.irqs.length ? `  irq ${d.irqs.join(",")}` : ""}`);
  return [
    `Host physical memory: ${board.name}, ${formatSize(ram.size)} of RAM at ${hex(ram.base)}`,
    "",
    ...drawBlocks(blocks),
    "",
    "Devices",
    "",
    ...devices,
  ];
}

export function guestMemoryMap(plan: MemoryPlan, name: string): string[] {
  const p = plan.partitions.find((x) => x.name === name);
  if (!p) return [];
  const blocks: Block[] = p.mappings.map((m) => ({ start: m.guest, end: m.guest + m.size, label: `${m.what} ${m.perms} (${formatSize(m.size)}) at host ${hex(m.host)}` }));
  blocks.push({ start: p.guard, end: p.guard + GUARD_SIZE, label: "guard page (unmapped)" });
  blocks.sort((a, b) => a.start - b.start);
  return [`Partition ${name}: guest-physical view`, "", ...drawBlocks(blocks)];
}
