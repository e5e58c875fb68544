/**
 * The scaling table: bench/scale measures a partition switch, a message
 * round trip and a device interrupt in systems of 2, 16 and 64 partitions,
 * on one hart and spread over four; the table puts each figure's sizes side
 * by side, so that a path whose cost grows with the system shows at once.
 */
import { infoOf } from "./catalog.ts";
import type { Figure } from "./harness.ts";

export const SCALING_BENCH = "scale";

export const isScaling = (f: { bench: string }) => f.bench === SCALING_BENCH;

/** A scaling run's size, from its system's name ("scale16x4": 16 partitions on 4 harts). */
function sizeOf(f: Figure): { partitions: number; harts: number } {
  const m = /^scale(\d+)x(\d+)$/.exec(f.system);
  return m ? { partitions: Number(m[1]), harts: Number(m[2]) } : { partitions: 0, harts: f.harts };
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function markdownScaling(figures: Figure[]): string {
  const scaling = figures.filter(isScaling);
  if (!scaling.length) return "Not measured in this run.";
  const sizes = [...new Map(scaling.map((f) => [f.system, sizeOf(f)])).entries()].sort(
    ([, a], [, b]) => a.harts - b.harts || a.partitions - b.partitions,
  );
  const names = [...new Set(scaling.map((f) => f.name))];
  const header = sizes.map(([, s]) => `${s.partitions} on ${s.harts} hart${s.harts === 1 ? "" : "s"}`);
  const out = [`| figure | ${header.join(" | ")} |`, `|---|${header.map(() => "---:").join("|")}|`];
  for (const name of names) {
    const cells = sizes.map(([system]) => scaling.find((f) => f.system === system && f.name === name));
    out.push(`| ${infoOf(name, SCALING_BENCH).label.replace(/\|/g, "\\|")} | ${cells.map((f) => (f ? fmt(f.value) : "—")).join(" | ")} |`);
  }
  return out.join("\n");
}
