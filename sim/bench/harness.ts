/**
 * Runs benchmark systems under -icount and collects what they report.
 *
 * A benchmark partition prints "bench ..." lines (figures.ts). Under
 * `-icount shift=0,sleep=off` every figure is an exact count of retired
 * instructions, so two runs give the same numbers.
 */
import path from "node:path";
import { build, FIRMWARE_DIR } from "../../generator/pipeline/index.ts";
import { printProblems } from "../../generator/terminal.ts";
import { executionMode, type ExecutionMode } from "../../spec/system.ts";
import { describeStatus } from "../exit.ts";
import { runImage } from "../qemu.ts";
import { BenchError } from "./errors.ts";
import { parseReport, type Loop } from "./figures.ts";
import { countLines, footprintOf, trustedFiles, type Footprint } from "./footprint.ts";
import { buildDirOf, runName, type BenchSpec } from "./suite.ts";

/** What a figure was measured on. */
export interface Configuration {
  /** The benchmark (its bench/ folder) and variant ("" for system.ts). */
  bench: string;
  variant: string;
  /** The system's name and its board's. */
  system: string;
  board: string;
  mode: ExecutionMode;
  harts: number;
  /** QEMU's -machine, with its properties (e.g. "virt,aia=aplic"). */
  machine: string;
}

export interface Figure extends Configuration {
  name: string;
  value: number;
  unit: string;
  /** The raw counts, when the benchmark reported them. */
  loop?: Loop;
}

export interface SystemRun {
  configuration: Configuration;
  figures: Figure[];
  footprint: Footprint;
  /** Hand-written firmware files linked into the image, relative to the checkout, and their lines. */
  trusted: { files: string[]; total: number; code: number };
}

export async function runBenchmarkSystem(bench: BenchSpec, outRoot: string, timeoutMs = 300_000): Promise<SystemRun> {
  const shownSpec = path.relative(process.cwd(), bench.spec) || bench.spec;
  const result = await build(bench.spec, { outDir: buildDirOf(outRoot, bench) });
  if (!result.ok && result.stage === "generate") {
    const { problems, source } = result.failed;
    throw new BenchError(`${shownSpec}: the spec has ${problems.length} problem${problems.length === 1 ? "" : "s"}`, () => printProblems(problems, source));
  }
  if (!result.ok) throw new BenchError(`${shownSpec}: the build failed:\n${result.errors}`);
  const generated = result.built;
  const system = generated.spec.system;
  const emulator = system.board.emulator;
  if (!emulator) throw new BenchError(`${shownSpec}: ${system.board.name} has no QEMU model, so it cannot be benchmarked`);
  const configuration: Configuration = {
    bench: bench.bench,
    variant: bench.variant,
    system: system.name,
    board: system.board.name,
    mode: executionMode(system),
    harts: system.board.harts,
    machine: [emulator.machine, ...(emulator.machineProps ?? [])].join(","),
  };
  // The console goes to a file: a pipe could make the UART wait on the host (see sim/machines.ts).
  const consoleFile = path.join(generated.outDir, "console.txt");
  const run = await runImage({ board: system.board, elf: generated.elf, timeoutMs, icount: true, consoleFile });
  const transcript = () =>
    run.lines
      .slice(-25)
      .map((l) => (l.kind === "partition" ? `[${l.partition}] ${l.text}` : l.kind === "hypervisor" ? `[phase3] ${l.text}` : l.text))
      .join("\n");
  if (run.timedOut) throw new BenchError(`${shownSpec}: timed out after ${timeoutMs / 1000}s; its last lines:\n${transcript()}`);
  if (run.status !== 0) {
    throw new BenchError(`${shownSpec}: ended with status ${run.status} (${describeStatus(run.status)}); its last lines:\n${transcript()}${run.stderr.trim() ? `\n${run.stderr.trim()}` : ""}`);
  }
  const figures: Figure[] = [];
  for (const line of run.lines) {
    if (line.kind !== "partition") continue;
    const reported = parseReport(line.text);
    if (reported) figures.push({ ...configuration, ...reported });
  }
  if (figures.length === 0) throw new BenchError(`${shownSpec}: ran, but printed no "bench ..." lines; its last lines:\n${transcript()}`);
  const seen = new Set<string>();
  for (const f of figures) {
    if (seen.has(f.name)) throw new BenchError(`${shownSpec}: reported ${f.name} twice (in ${runName(bench)})`);
    seen.add(f.name);
  }
  const footprint = footprintOf(generated.outDir, system.name);
  const files = trustedFiles(generated.outDir, footprint.coreObjects, FIRMWARE_DIR);
  const lines = countLines(files);
  return {
    configuration,
    figures,
    footprint,
    trusted: { files: files.map((f) => path.relative(path.dirname(FIRMWARE_DIR), f)), ...lines },
  };
}
