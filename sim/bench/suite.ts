/**
 * Which benchmarks there are: every folder of bench/ with a spec is one.
 *
 *   bench/<name>/system.ts          the benchmark system
 *   bench/<name>/system.<v>.ts      the same benchmark as variant <v>: usually
 *                                   `{ ...base, board: ... }` on another board
 *                                   or mode, so running on a new board is data
 *   bench/<name>/prepare.ts         optional: `export default (ctx) => ...`,
 *                                   run before the specs are generated (a
 *                                   bare guest's image, say)
 *   bench/floor/                    the bare-metal floor (floor.ts), no spec
 *   bench/common/                   what benchmark apps share
 *
 * A benchmark prints "bench ..." lines (see figures.ts); the harness needs to
 * know nothing else about it.
 */
import fs from "node:fs";
import path from "node:path";

/** What a prepare step gets. */
export interface PrepareContext {
  /** The benchmark's folder, bench/<name>. */
  dir: string;
  /** The harness's scratch folder, bench/.out: build products go there. */
  outRoot: string;
}

export interface BenchSpec {
  /** The benchmark's folder name. */
  bench: string;
  /** "" for system.ts, "<v>" for system.<v>.ts. */
  variant: string;
  /** Absolute path of the spec. */
  spec: string;
}

export interface Bench {
  name: string;
  dir: string;
  /** Absolute path of prepare.ts, when there is one. */
  prepare?: string;
  specs: BenchSpec[];
}

/** Folders of bench/ that are not benchmark systems. */
const NOT_SYSTEMS = new Set(["common", "floor"]);

const SPEC_FILE = /^system(?:\.([\w-]+))?\.ts$/;

export function discoverBenches(benchDir: string): Bench[] {
  const benches: Bench[] = [];
  for (const entry of fs.readdirSync(benchDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || NOT_SYSTEMS.has(entry.name)) continue;
    const dir = path.join(benchDir, entry.name);
    const specs: BenchSpec[] = [];
    for (const file of fs.readdirSync(dir)) {
      const m = SPEC_FILE.exec(file);
      if (m) specs.push({ bench: entry.name, variant: m[1] ?? "", spec: path.join(dir, file) });
    }
    if (specs.length === 0) continue;
    specs.sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
    const prepare = path.join(dir, "prepare.ts");
    benches.push({ name: entry.name, dir, specs, ...(fs.existsSync(prepare) ? { prepare } : {}) });
  }
  return benches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** bench/.out/<bench> or bench/.out/<bench>.<variant>: where a spec is built. */
export function buildDirOf(outRoot: string, spec: BenchSpec): string {
  return path.join(outRoot, spec.variant ? `${spec.bench}.${spec.variant}` : spec.bench);
}

/** "calls" or "irq.aplic": how a run of a spec is named in tables and results. */
export function runName(spec: { bench: string; variant: string }): string {
  return spec.variant ? `${spec.bench}.${spec.variant}` : spec.bench;
}
