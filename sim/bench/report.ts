/**
 * bench/results.json, the tables made from it (for the terminal and for
 * BENCHMARKS.md), and the comparison of two results.
 */
import { FLOOR_FOR, FLOOR_LABELS, infoOf, orderOf, PENDING, SECTION_TITLES, type Section } from "./catalog.ts";
import type { Loop } from "./figures.ts";
import type { Footprint } from "./footprint.ts";
import type { ExecutionMode } from "../../spec/system.ts";
import type { Configuration, Figure } from "./harness.ts";
import { markdownPeers } from "./peers.ts";
import { isScaling, markdownScaling } from "./scaling.ts";
import type { ToolSpeed } from "./toolspeed.ts";

export const RESULTS_FORMAT = 2;

export interface FloorFigure {
  name: string;
  value: number;
  unit: string;
  loop?: Loop;
  board: string;
  machine: string;
}

export interface SystemResult {
  /** "boot", "irq.aplic": the bench folder and variant. */
  run: string;
  configuration: Configuration;
  footprint: Footprint;
  trusted: { files: string[]; total: number; code: number };
}

export interface Results {
  format: number;
  /** What produced every figure here. */
  configuration: { qemu: string; compiler: string; icount: string; host: string };
  floor: FloorFigure[];
  figures: Figure[];
  systems: SystemResult[];
  toolSpeed?: ToolSpeed;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A figure's value as a table shows it: instructions bare, any other unit named. */
function valueText(f: { value: number; unit: string }): string {
  return f.unit === "instructions" ? fmt(f.value) : `${fmt(f.value)} ${f.unit}`;
}

/** How a run is told apart in a table: "calls", "irq.aplic". */
export function runOf(c: { bench: string; variant: string }): string {
  return c.variant ? `${c.bench}.${c.variant}` : c.bench;
}

function configurationText(c: Configuration): string {
  const props = c.machine.split(",").slice(1);
  return `${c.board}${props.length ? ` (${props.join(", ")})` : ""}, ${c.harts} hart${c.harts === 1 ? "" : "s"}, ${c.mode}`;
}

export interface Row {
  figure: Figure;
  label: string;
  section: Section;
  floor?: FloorFigure;
  share?: boolean;
}

function compareOrder(a: Figure, b: Figure): number {
  const [sa, ia, na] = orderOf(a.name, runOf(a));
  const [sb, ib, nb] = orderOf(b.name, runOf(b));
  if (sa !== sb) return sa - sb;
  if (ia !== ib) return ia - ib;
  if (na !== nb) return na < nb ? -1 : 1;
  const ra = runOf(a);
  const rb = runOf(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

export function floorFor(name: string, mode: ExecutionMode, floor: FloorFigure[], run?: string): FloorFigure | undefined {
  const kind = infoOf(name, run).floor;
  const floorName = kind ? FLOOR_FOR[kind][mode] : undefined;
  return floorName ? floor.find((f) => f.name === floorName) : undefined;
}

export function rows(results: Results): Row[] {
  return [...results.figures].sort(compareOrder).map((figure) => {
    const info = infoOf(figure.name, runOf(figure));
    return { figure, label: info.label, section: info.section, share: info.share, floor: floorFor(figure.name, figure.mode, results.floor, runOf(figure)) };
  });
}

function table(header: string[], body: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), ...body.map(line)];
}

/** The terminal's table: every figure, its floor, and what is above it. */
export function consoleReport(results: Results): string {
  const out: string[] = [];
  const body = rows(results).map((r) => [
    r.figure.name,
    runOf(r.figure),
    r.figure.mode === "hypervisor" ? "hv" : "mk",
    String(r.figure.harts),
    valueText(r.figure),
    r.floor ? fmt(r.floor.value) : "",
    r.floor ? `${fmt(r.figure.value - r.floor.value)}${r.share ? ` (${shareOf(r.floor.value, r.figure.value)})` : ""}` : "",
  ]);
  out.push(...table(["figure", "system", "mode", "harts", "instructions", "floor", "above floor"], body, [false, false, false, true, true, true, true]));
  out.push("", "floor (bench/floor: bare metal, no Phase3)");
  out.push(...table(["figure", "instructions"], results.floor.map((f) => [f.name, fmt(f.value)]), [false, true]));
  for (const s of footprintRuns(results)) {
    const fp = s.footprint;
    out.push("", `footprint of ${s.run} (${configurationText(s.configuration)}), bytes`);
    out.push(
      ...table(
        ["part", "text", "data", "bss"],
        [
          ["hand-written core", fmt(fp.core.text), fmt(fp.core.data), fmt(fp.core.bss)],
          ["generated tables", fmt(fp.generated.text), fmt(fp.generated.data), fmt(fp.generated.bss)],
          ["libgcc", fmt(fp.libgcc.text), fmt(fp.libgcc.data), fmt(fp.libgcc.bss)],
          ...(fp.pageTables ? [["G-stage page tables", "", fmt(fp.pageTables), ""]] : []),
        ],
        [false, true, true, true],
      ),
    );
    out.push(`trusted code: ${fmt(s.trusted.code)} lines of C and assembly in ${s.trusted.files.length} files (${fmt(s.trusted.total)} with comments and blanks)`);
  }
  if (results.toolSpeed) {
    const t = results.toolSpeed;
    out.push("", `tool speed on ${t.example} (wall time; ${t.machine}${t.load ? `; load average ${t.load[0]} -> ${t.load[1]}` : ""})`);
    out.push(...table(["step", "seconds"], t.steps.map((s) => [s.name, (s.ms / 1000).toFixed(2)]), [false, true]));
  }
  return out.join("\n");
}

// --- BENCHMARKS.md --------------------------------------------------------------

function mdEscape(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** What a figure adds to its floor; for the same work bare metal, also the rate it keeps. */
function aboveFloorText(r: Row): string {
  if (!r.floor) return "—";
  const above = fmt(r.figure.value - r.floor.value);
  return r.share ? `${above}: ${shareOf(r.floor.value, r.figure.value)} of the bare-metal rate` : above;
}

/** The bare metal's count as a share of the partition's: the rate the partition keeps, to 0.01 %. */
export function shareOf(bare: number, measured: number): string {
  return `${(Math.floor((10000 * bare) / measured) / 100).toFixed(2)} %`;
}

export function markdownFigures(results: Results): string {
  const out = ["| figure | system | Phase3 | floor | above the floor |", "|---|---|---:|---:|---:|"];
  let section: Section | undefined;
  // bench/scale's figures have a table of their own (markdownScaling)
  const all = rows(results).filter((r) => !isScaling(r.figure));
  const pending = PENDING.filter((p) => !results.figures.some((f) => f.bench === p.bench));
  const sections = Object.keys(SECTION_TITLES) as Section[];
  for (const s of sections) {
    const inSection = all.filter((r) => r.section === s);
    const waiting = pending.filter((p) => p.section === s);
    if (!inSection.length && !waiting.length) continue;
    if (section !== s) out.push(`| **${SECTION_TITLES[s]}** | | | | |`);
    section = s;
    for (const r of inSection) {
      const system = `${runOf(r.figure)}: ${configurationText(r.figure)}`;
      out.push(`| ${mdEscape(r.label)} | ${mdEscape(system)} | ${valueText(r.figure)} | ${r.floor ? fmt(r.floor.value) : "—"} | ${aboveFloorText(r)} |`);
    }
    for (const p of waiting) out.push(`| ${mdEscape(p.label)} | bench/${p.bench}: not in this checkout yet | — | — | — |`);
  }
  return out.join("\n");
}

export function markdownFloor(results: Results): string {
  const out = ["| floor | instructions |", "|---|---:|"];
  for (const f of results.floor) out.push(`| ${mdEscape(FLOOR_LABELS[f.name] ?? f.name)} (\`${f.name}\`) | ${fmt(f.value)} |`);
  return out.join("\n");
}

/**
 * Whose footprint is shown: every run of bench/boot (the smallest system, two
 * partitions), and for a board and mode that bench/boot does not run on, the
 * first benchmark that does: its name says what the image holds.
 */
function footprintRuns(results: Results): Results["systems"] {
  const key = (s: Results["systems"][number]) => `${s.configuration.board} ${s.configuration.mode}`;
  const boot = results.systems.filter((s) => s.configuration.bench === "boot");
  const covered = new Set(boot.map(key));
  const others: Results["systems"] = [];
  for (const s of results.systems) {
    if (covered.has(key(s))) continue;
    covered.add(key(s));
    others.push(s);
  }
  return [...boot, ...others];
}

export function markdownFootprint(results: Results): string {
  const out: string[] = [];
  for (const s of footprintRuns(results)) {
    const fp = s.footprint;
    out.push(`${s.configuration.mode[0].toUpperCase()}${s.configuration.mode.slice(1)} mode, \`bench/${s.run}\` (${configurationText(s.configuration)}), in bytes:`, "");
    out.push("| part | text | data (rodata + data) | bss |", "|---|---:|---:|---:|");
    out.push(`| hand-written core (\`firmware/\`) | ${fmt(fp.core.text)} | ${fmt(fp.core.data)} | ${fmt(fp.core.bss)} |`);
    out.push(`| generated tables (partitions, harts, channels, hypercall dispatch) | ${fmt(fp.generated.text)} | ${fmt(fp.generated.data)} | ${fmt(fp.generated.bss)} |`);
    out.push(`| libgcc | ${fmt(fp.libgcc.text)} | ${fmt(fp.libgcc.data)} | ${fmt(fp.libgcc.bss)} |`);
    if (fp.pageTables) out.push(`| G-stage page tables | | ${fmt(fp.pageTables)} | |`);
    out.push("");
    out.push(
      `Trusted code: **${fmt(s.trusted.code)} lines** of hand-written C and assembly (${fmt(s.trusted.total)} with comments and blank lines), the ${s.trusted.files.length} files of \`firmware/\` that this image links: its sources and the headers they include.`,
      "",
    );
  }
  return out.join("\n").trimEnd();
}

export function markdownToolSpeed(results: Results): string {
  const t = results.toolSpeed;
  if (!t) return "Not measured in this run (`--no-tool-speed`).";
  const runs = t.steps[0]?.runs.length ?? 0;
  const load = t.load ? `; load average ${t.load[0]} before, ${t.load[1]} after` : "";
  const out = [
    `\`${t.example}\`, wall time, each step a new \`phase3\` process as a user runs it (Node start-up included), ${runs === 1 ? "one run" : `median of ${runs} runs`}; machine: ${t.machine}${load}.`,
    "",
  ];
  out.push(runs > 1 ? "| step | seconds | runs |" : "| step | seconds |", runs > 1 ? "|---|---:|---|" : "|---|---:|");
  for (const s of t.steps) {
    const all = s.runs.map((ms) => (ms / 1000).toFixed(1)).join(", ");
    out.push(`| ${mdEscape(s.label)} | ${(s.ms / 1000).toFixed(1)} |${runs > 1 ? ` ${all} |` : ""}`);
  }
  return out.join("\n");
}

export function markdownConfiguration(results: Results): string {
  const c = results.configuration;
  return `Figures from ${c.qemu}, ${c.compiler}, \`-icount ${c.icount}\`, on ${c.host}.`;
}

/** Replaces the text between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`. */
export function replaceSection(doc: string, name: string, content: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${open} ... ${close} section`);
  return `${doc.slice(0, start + open.length)}\n${content}\n${doc.slice(end)}`;
}

export function updateDocument(doc: string, results: Results): string {
  let out = doc;
  out = replaceSection(out, "configuration", markdownConfiguration(results));
  out = replaceSection(out, "figures", markdownFigures(results));
  out = replaceSection(out, "floor", markdownFloor(results));
  out = replaceSection(out, "scaling", markdownScaling(results.figures));
  out = replaceSection(out, "peers", markdownPeers(results));
  out = replaceSection(out, "footprint", markdownFootprint(results));
  out = replaceSection(out, "tool-speed", markdownToolSpeed(results));
  return out;
}

// --- comparison ---------------------------------------------------------------

/** How a figure is identified across runs: its system (and variant) and name. */
export function figureKey(f: { system?: string; bench?: string; variant?: string; name: string }): string {
  const system = f.system ?? f.bench ?? "?";
  return `${system}${f.variant ? `.${f.variant}` : ""}/${f.name}`;
}

export interface Comparison {
  moved: { key: string; before: number; after: number; unit: string }[];
  /** Same rounded figure, different raw counts. */
  countsMoved: { key: string; before: Loop; after: Loop }[];
  added: { key: string; value: number; unit: string }[];
  gone: { key: string; value: number; unit: string }[];
  unchanged: number;
  footprint: { key: string; before: number; after: number }[];
  configuration: { what: string; before: string; after: string }[];
}

interface Comparable {
  key: string;
  value: number;
  unit: string;
  loop?: Loop;
}

function comparables(r: Partial<Results>): Comparable[] {
  const figures = (r.figures ?? []).map((f) => ({ key: figureKey(f), value: f.value, unit: f.unit, loop: f.loop }));
  const floor = (r.floor ?? []).map((f) => ({ key: `floor/${f.name}`, value: f.value, unit: f.unit, loop: f.loop }));
  return [...figures, ...floor];
}

function footprintNumbers(r: Partial<Results>): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of r.systems ?? []) {
    const fp = s.footprint;
    for (const part of ["core", "generated", "libgcc"] as const) {
      for (const kind of ["text", "data", "bss"] as const) out.set(`${s.run} ${part} ${kind}`, fp[part][kind]);
    }
    out.set(`${s.run} page tables`, fp.pageTables);
    out.set(`${s.run} trusted lines`, s.trusted.code);
  }
  return out;
}

export function compareResults(before: Partial<Results>, after: Results): Comparison {
  const old = new Map(comparables(before).map((c) => [c.key, c]));
  const now = comparables(after);
  const result: Comparison = { moved: [], countsMoved: [], added: [], gone: [], unchanged: 0, footprint: [], configuration: [] };
  for (const c of now) {
    const b = old.get(c.key);
    if (!b) result.added.push({ key: c.key, value: c.value, unit: c.unit });
    else if (b.value !== c.value) result.moved.push({ key: c.key, before: b.value, after: c.value, unit: c.unit });
    else if (b.loop && c.loop && (b.loop.total !== c.loop.total || b.loop.empty !== c.loop.empty || b.loop.n !== c.loop.n)) {
      result.countsMoved.push({ key: c.key, before: b.loop, after: c.loop });
    } else result.unchanged++;
  }
  const nowKeys = new Set(now.map((c) => c.key));
  for (const b of old.values()) if (!nowKeys.has(b.key)) result.gone.push({ key: b.key, value: b.value, unit: b.unit });
  const fpBefore = footprintNumbers(before);
  for (const [key, value] of footprintNumbers(after)) {
    const b = fpBefore.get(key);
    if (b !== undefined && b !== value) result.footprint.push({ key, before: b, after: value });
  }
  const cb = before.configuration;
  if (cb) {
    for (const what of ["qemu", "compiler", "icount"] as const) {
      if (cb[what] !== undefined && cb[what] !== after.configuration[what]) result.configuration.push({ what, before: cb[what], after: after.configuration[what] });
    }
  }
  return result;
}

function signed(n: number): string {
  return n > 0 ? `+${fmt(n)}` : fmt(n);
}

function percent(before: number, after: number): string {
  if (before === 0) return "";
  const p = ((after - before) / before) * 100;
  return ` (${p > 0 ? "+" : ""}${p.toFixed(1)}%)`;
}

export function formatComparison(c: Comparison, against: string): string {
  const out: string[] = [];
  const moved = c.moved.length + c.added.length + c.gone.length + c.countsMoved.length;
  out.push(moved ? `compared with ${against}:` : `compared with ${against}: nothing moved (${c.unchanged} figures identical)`);
  for (const x of c.configuration) out.push(`  note: ${x.what} differs: ${x.before} -> ${x.after}; counts may move for that reason alone`);
  if (c.moved.length) {
    out.push(`  moved (${c.moved.length}):`);
    const width = Math.max(...c.moved.map((m) => m.key.length));
    for (const m of c.moved) {
      out.push(`    ${m.key.padEnd(width)}  ${fmt(m.before).padStart(9)} -> ${fmt(m.after).padStart(9)}  ${signed(m.after - m.before)}${percent(m.before, m.after)} ${m.unit}`);
    }
  }
  if (c.countsMoved.length) {
    out.push(`  same figure, different raw counts (${c.countsMoved.length}):`);
    for (const m of c.countsMoved) out.push(`    ${m.key}  total ${m.before.total} -> ${m.after.total}, empty ${m.before.empty} -> ${m.after.empty}`);
  }
  if (c.added.length) {
    out.push(`  new (${c.added.length}):`);
    for (const a of c.added) out.push(`    ${a.key}  ${fmt(a.value)} ${a.unit}`);
  }
  if (c.gone.length) {
    out.push(`  no longer measured (${c.gone.length}):`);
    for (const g of c.gone) out.push(`    ${g.key}  was ${fmt(g.value)} ${g.unit}`);
  }
  if (moved) out.push(`  unchanged: ${c.unchanged}`);
  if (c.footprint.length) {
    out.push(`  footprint moved (bytes; trusted code in lines):`);
    for (const f of c.footprint) out.push(`    ${f.key}  ${fmt(f.before)} -> ${fmt(f.after)}  ${signed(f.after - f.before)}`);
  }
  return out.join("\n");
}
