/**
 * Runs benchmark systems under -icount and collects what they report.
 *
 * A benchmark partition prints lines "bench <name> <value> <unit>". Under
 * `-icount shift=0,sleep=off` every figure is an exact count of retired
 * instructions, so two runs give the same numbers.
 */
import path from "node:path";
import { generate } from "../../generator/pipeline.ts";
import { makeErrors, runMake } from "../../generator/toolchain/make.ts";
import { runImage } from "../qemu.ts";
import { footprintOf, type Footprint } from "./footprint.ts";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Which benchmark system produced it, and on what. */
  system: string;
  board: string;
}

export interface SystemRun {
  figures: Figure[];
  footprint: Footprint;
}

const BENCH_LINE = /^bench (\S+) (-?\d+) (.+)$/;

export async function runBenchmarkSystem(spec: string, outRoot: string, timeoutMs = 120_000): Promise<SystemRun> {
  const name = path.basename(path.dirname(spec));
  const generated = await generate(spec, path.join(outRoot, name));
  if (!generated.ok) throw new Error(`${spec}: ${generated.problems.map((p) => p.message).join("; ")}`);
  const made = await runMake(generated.outDir);
  if (!made.ok) throw new Error(`${spec}: build failed\n${makeErrors(made.output, generated.outDir)}`);
  const system = generated.spec.system;
  const result = await runImage({ board: system.board, elf: path.join(generated.outDir, `${system.name}.elf`), timeoutMs, icount: true });
  if (result.timedOut) throw new Error(`${spec}: timed out`);
  const figures: Figure[] = [];
  for (const line of result.lines) {
    if (line.kind !== "partition") continue;
    const m = BENCH_LINE.exec(line.text);
    if (m) figures.push({ name: m[1], value: Number(m[2]), unit: m[3], system: system.name, board: system.board.name });
  }
  if (result.status !== 0) throw new Error(`${spec}: ended with status ${result.status}:\n${result.lines.map((l) => l.text).join("\n")}`);
  return { figures, footprint: footprintOf(generated.outDir, system.name) };
}
