/**
 * Runs benchmark systems under -icount and collects what they report.
 *
 * A benchmark partition prints "bench ..." lines (figures.ts). Under
 * `-icount shift=0,sleep=off` every figure is an exact count of retired
 * instructions, so two runs give the same numbers.
 */
import path from "node:path";
import { FIRMWARE_DIR, generate } from "../../generator/pipeline/index.ts";
import { printProblems } from "../../generator/cli/output.ts";
import { makeErrors, runMake } from "../../generator/pipeline/make/make.ts";
import type { System } from "../../spec/index.ts";
import { describeStatus } from "../exit.ts";
import { runImage } from "../qemu.ts";
import { BenchError } from "./errors.ts";
import { parseReport, type Loop } from "./figures.ts";
import { countLines, footprintOf, trustedFiles, type Footprint } from "./footprint.ts";
import { buildDirOf, runName, type BenchSpec } from "./suite.ts";

export type Mode = "hypervisor" | "microkernel";

/** What a figure was measured on. */
export interface Configuration {
  /** The benchmark (its bench/ folder) and variant ("" for system.ts). */
  bench: string;
  variant: string;
  /** The system's name and its board's. */
  system: string;
  board: string;
  mode: Mode;
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

export function modeOf(system: System): Mode {
  return system.mode ?? (system.board.isa.extensions.includes("h") ? "hypervisor" : "microkernel");
}

export async function runBenchmarkSystem(bench: BenchSpec, outRoot: string, timeoutMs = 300_000): Promise<SystemRun> {
  const shownSpec = path.relative(process.cwd(), bench.spec) || bench.spec;
  const generated = await generate(bench.spec, buildDirOf(outRoot, bench));
  if (!generated.ok) {
    const { problems, source } = generated;
    throw new BenchError(`${shownSpec}: the spec has ${problems.length} problem${problems.length === 1 ? "" : "s"}`, () => printProblems(problems, source));
  }
  const made = await runMake(generated.outDir);
  if (!made.ok) throw new BenchError(`${shownSpec}: the build failed:\n${makeErrors(made.output, generated.outDir)}`);
  const system = generated.spec.system;
  const emulator = system.board.emulator;
  if (!emulator) throw new BenchError(`${shownSpec}: ${system.board.name} has no QEMU model, so it cannot be benchmarked`);
  const configuration: Configuration = {
    bench: bench.bench,
    variant: bench.variant,
    system: system.name,
    board: system.board.name,
    mode: modeOf(system),
    harts: system.board.harts,
    machine: [emulator.machine, ...(emulator.machineProps ?? [])].join(","),
  };
  // The console goes to a file: a pipe could make the UART wait on the host (see sim/machines.ts).
  const consoleFile = path.join(generated.outDir, "console.txt");
  const result = await runImage({ board: system.board, elf: path.join(generated.outDir, `${system.name}.elf`), timeoutMs, icount: true, consoleFile });
  const transcript = () =>
    result.lines
      .slice(-25)
      .map((l) => (l.kind === "partition" ? `[${l.partition}] ${l.text}` : l.kind === "hypervisor" ? `[phase3] ${l.text}` : l.text))
      .join("\n");
  if (result.timedOut) throw new BenchError(`${shownSpec}: timed out after ${timeoutMs / 1000}s; its last lines:\n${transcript()}`);
  if (result.status !== 0) {
    throw new BenchError(`${shownSpec}: ended with status ${result.status} (${describeStatus(result.status)}); its last lines:\n${transcript()}${result.stderr.trim() ? `\n${result.stderr.trim()}` : ""}`);
  }
  const figures: Figure[] = [];
  for (const line of result.lines) {
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
