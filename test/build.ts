/** Builds and boots systems for the integration tests, each in its own folder. */
import path from "node:path";
import { build, type Built } from "../generator/pipeline/index.ts";
import { checkIsolation, formatIsolation } from "../sim/isolation/index.ts";
import { runImage, type RunResult } from "../sim/qemu.ts";
import { outDir } from "./helpers.ts";

export type { Built };

/**
 * Builds a spec with the pipeline's one build function into `out`; throws
 * with the spec's problems or the compiler's errors when it cannot.
 * `beforeMake` runs between generating and make (a fuzz build writes its
 * seed into the build folder there).
 */
export async function buildOrThrow(spec: string, out: string, beforeMake?: (outDir: string) => void): Promise<Built> {
  const result = await build(spec, {
    outDir: out,
    stage: (stage, work) => {
      if (stage === "make") beforeMake?.(path.resolve(out));
      return work();
    },
  });
  if (result.ok) return result.built;
  if (result.stage === "generate") throw new Error(result.failed.problems.map((p) => `${p.rule}: ${p.message}`).join("\n"));
  throw new Error(result.errors);
}

/**
 * Generates and builds a spec into test/.out/<name>; throws with the errors
 * when it cannot. Every firmware built this way also goes through the
 * isolation checker (sim/isolation): a build whose page tables (hypervisor
 * mode) or PMP entries (microkernel mode) grant more or less than its spec is
 * an error, whatever the test then does with it.
 */
export async function buildSpec(spec: string, name: string): Promise<Built> {
  const built = await buildOrThrow(spec, outDir(name));
  const isolation = checkIsolation(built.elf, built.spec.system);
  if (isolation.problems.length) throw new Error(`${built.elf} is not isolated as its spec says:\n${formatIsolation(isolation)}`);
  return built;
}

/**
 * Boots a built system under -icount (deterministic) and collects its
 * console. The console goes to a file, as in the benchmarks: through a pipe,
 * a test runner busy elsewhere can make the UART wait, and the firmware's
 * polling then retires a number of instructions that depends on the host,
 * which moves every later event of a timing-sensitive system.
 */
export function boot(built: Built, timeoutMs = 30_000): Promise<RunResult> {
  return runImage({ board: built.spec.system.board, elf: built.elf, timeoutMs, icount: true, consoleFile: path.join(built.outDir, "console.txt") });
}

/** The console as text lines, as the runner shows them. */
export function transcript(result: RunResult): string[] {
  return result.lines.map((l) => (l.kind === "partition" ? `[${l.partition}] ${l.text}` : l.kind === "hypervisor" ? `[phase3] ${l.text}` : l.text));
}
