/**
 * Tool speed: how long `phase3 check` and `phase3 build` take on an example,
 * run as a user runs them (a new Node process each time, so start-up is
 * included). Wall time, not deterministic: the machine is recorded with it,
 * and --compare leaves it out.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PHASE3_ROOT } from "../../generator/root.ts";
import { BenchError } from "./errors.ts";

export interface ToolStep {
  name: string;
  label: string;
  /** Wall time of each run, in milliseconds. */
  runs: number[];
  /** Their median. */
  ms: number;
}

export interface ToolSpeed {
  example: string;
  machine: string;
  /** The machine's 1-minute load average before and after: other work slows these down. */
  load: [number, number];
  steps: ToolStep[];
}

const CLI = path.join(PHASE3_ROOT, "generator", "cli", "phase3.mjs");
/** The largest benchmark system: how long generating and building grows with the system. */
const LARGE_SPEC = path.join(PHASE3_ROOT, "bench", "scale", "system.64x1.ts");

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} core${cpus.length === 1 ? "" : "s"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** Times `phase3 <args>` in `cwd`; a failure is the user's to see. */
function timed(args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = Math.round(performance.now() - started);
  if (r.status !== 0) throw new BenchError(`tool speed: \`phase3 ${args.join(" ")}\` failed:\n${(r.stderr || r.stdout).trim()}`);
  return ms;
}

/**
 * Copies the example (its spec and apps) into a scratch folder and times,
 * `runs` times each: check in a fresh folder (the type check runs), check
 * again (the type check is cached), build in a fresh folder (check, generate,
 * compile, link) and build again with nothing changed; then a fresh build of
 * the 64-partition benchmark system.
 */
export function measureToolSpeed(exampleDir: string, scratch: string, runs = 1): ToolSpeed {
  const work = path.join(scratch, path.basename(exampleDir));
  const fresh = () => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    for (const f of fs.readdirSync(exampleDir, { withFileTypes: true })) {
      if (f.isFile()) fs.copyFileSync(path.join(exampleDir, f.name), path.join(work, f.name));
    }
  };
  const steps: { name: string; label: string; run: () => number }[] = [
    { name: "check_fresh", label: "`phase3 check`, fresh folder (type check runs)", run: () => (fresh(), timed(["check", "system.ts"], work)) },
    { name: "check_cached", label: "`phase3 check` again (type check cached)", run: () => timed(["check", "system.ts"], work) },
    { name: "build_fresh", label: "`phase3 build`, fresh folder (check, generate, compile, link)", run: () => (fresh(), timed(["build", "system.ts"], work)) },
    { name: "build_unchanged", label: "`phase3 build` again, nothing changed", run: () => timed(["build", "system.ts"], work) },
    {
      name: "build_64_partitions",
      label: "`phase3 build` of 64 partitions (`bench/scale/system.64x1.ts`), fresh folder",
      run: () => {
        const out = path.join(scratch, "scale64");
        fs.rmSync(out, { recursive: true, force: true });
        return timed(["build", LARGE_SPEC, "--out", out], PHASE3_ROOT);
      },
    },
  ];
  const results: ToolStep[] = steps.map((s) => ({ name: s.name, label: s.label, runs: [], ms: 0 }));
  const loadBefore = os.loadavg()[0];
  // Interleaved, so that each run of a step finds the folder as its label says.
  for (let i = 0; i < runs; i++) steps.forEach((s, k) => results[k].runs.push(s.run()));
  for (const r of results) r.ms = median(r.runs);
  const load: [number, number] = [Number(loadBefore.toFixed(1)), Number(os.loadavg()[0].toFixed(1))];
  return { example: path.relative(PHASE3_ROOT, exampleDir), machine: machineDescription(), load, steps: results };
}
