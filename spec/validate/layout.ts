/**
 * Rules that need the memory plan: does everything fit, and does nothing
 * overlap, in host-physical memory or in any partition's guest-physical view.
 */
import type { LayoutProblem, MemoryPlan } from "../layout/index.ts";
import { deviceWindow } from "./devices.ts";
import type { Finding } from "./diagnostic.ts";
import type { Rule, RuleContext } from "./rule.ts";
import { deviceGrants, type Path } from "./values.ts";
import { hex } from "../units.ts";

function layoutRule(id: LayoutProblem["rule"], summary: string): Rule {
  return {
    id,
    summary,
    *check(ctx: RuleContext) {
      const result = ctx.plan();
      if (!result.ok) yield* result.problems.filter((p) => p.rule === id);
    },
  };
}

interface Range {
  start: number;
  end: number;
  what: string;
  path: Path;
}

const span = (r: Range) => `${r.what} (${hex(r.start)}-${hex(r.end)})`;

/** The first overlap in a list of ranges, reported at the later range's path (or the earlier one's if it is a device). */
function* overlaps(ranges: Range[], where: string): Iterable<Finding> {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = sorted[j];
      const b = sorted[i];
      if (a.start < b.end && b.start < a.end) {
        const at = a.path.length > b.path.length ? a : b;
        const device = [a, b].some((r) => r.what.startsWith("device"));
        const fix = device ? "devices are mapped at their own addresses, so do not grant this one or fix the board's memory map" : "this is a bug in Phase3's memory plan, please report it";
        yield { path: at.path, message: `${where}, ${span(a)} overlaps ${span(b)}; ${fix}` };
        return;
      }
    }
  }
}

function hostRanges(plan: MemoryPlan, ctx: RuleContext): Range[] {
  const ranges: Range[] = [
    { start: plan.firmware.base, end: plan.firmware.base + plan.firmware.size, what: "the firmware", path: ["board"] },
    ...plan.partitions.map((p) => ({ start: p.host, end: p.host + p.size, what: `partition "${p.name}"'s RAM`, path: ["partitions", p.name, "memory"] })),
    ...plan.shared.map((s) => ({ start: s.host, end: s.host + s.size, what: `${s.kind === "region" ? "shared region" : "channel"} "${s.name}"`, path: [s.kind === "region" ? "shared" : "channels", s.name] })),
    { start: plan.tables.base, end: plan.tables.base + plan.tables.size, what: "the page tables", path: ["board"] },
  ];
  const board = ctx.board;
  if (board) {
    const seen = new Set<string>();
    for (const g of deviceGrants(ctx.system)) {
      if (seen.has(g.device) || !Object.hasOwn(board.devices, g.device)) continue;
      seen.add(g.device);
      const w = deviceWindow(board, g.device);
      ranges.push({ start: w.base, end: w.end, what: `device "${g.device}"`, path: g.path });
    }
  }
  return ranges.filter((r) => r.end > r.start);
}

export const layoutRules: Rule[] = [
  layoutRule("memory-exceeds-ram", "A partition fits in the board's RAM beside the firmware's own reserve."),
  layoutRule("memory-overcommitted", "All partitions, shared regions, channel buffers, the firmware and the page tables fit in RAM together."),
  layoutRule("memory-hits-reserved", "Nothing is placed in RAM the board reserves for something else."),
  layoutRule("stack-too-large", "A partition's stack fits in its memory with room to spare: in hypervisor mode beside its guard page, its device tree and a page of code; in microkernel mode beside 1K of code and data."),
  layoutRule("code-memory-exceeded", "Where code runs from flash or an instruction memory, the kernel's code and a code window for each partition fit there."),
  layoutRule("pmp-napot-only", "On a hart whose PMP matches NAPOT entries only, every range a partition may use is a power of two aligned to its size."),
  layoutRule("pmp-entries-exceeded", "In microkernel mode, the PMP entries a partition needs (its RAM and code, each shared region, channel and device it may use) are no more than the board's harts have."),
  {
    id: "host-overlap",
    summary: "No two host-physical ranges overlap: firmware, partitions, shared regions, channel buffers, page tables and granted device windows.",
    *check(ctx) {
      const result = ctx.plan();
      if (result.ok) yield* overlaps(hostRanges(result.plan, ctx), "in host-physical memory");
    },
  },
  {
    id: "guest-overlap",
    summary: "In each partition's guest-physical view, its RAM, shared regions, channel buffers and device windows do not overlap.",
    *check(ctx) {
      const result = ctx.plan();
      if (!result.ok) return;
      const grants = deviceGrants(ctx.system);
      for (const p of result.plan.partitions) {
        const ranges = p.mappings.map((m): Range => {
          const device = m.what.startsWith("device ") ? m.what.slice(7) : undefined;
          const grant = device && grants.find((g) => g.partition === p.name && g.device === device);
          const what = device ? `device "${device}"` : m.what === "ram" || m.what === "stack" ? `its ${m.what}` : m.what.replace(/^(\S+) (.*)$/, (_, k, n) => `${k === "shared" ? "shared region" : k} "${n}"`);
          return { start: m.guest, end: m.guest + m.size, what, path: grant ? grant.path : ["partitions", p.name] };
        });
        yield* overlaps(ranges, `in the guest-physical view of "${p.name}"`);
      }
    },
  },
];
