/**
 * A build as a person watches it: each stage of the pipeline as a live step
 * with its outcome, then every problem with its code frame or the compiler's
 * own words. Used by build, run, flash and --watch.
 */
import path from "node:path";
import { build, type BuildOptions, type BuildResult, type Generated, type StageResults, type StageRunner } from "../pipeline/index.ts";
import { compilerDiagnostics, hasWarnings } from "../pipeline/make/diagnostics.ts";
import { paint, printProblems, shown, timedStep } from "./output.ts";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The pipeline's stages, each shown as a live step with its outcome. */
function showStages(specFile: string): StageRunner {
  let generated: Generated | undefined;
  const stages = {
    generate: (work: () => Promise<StageResults["generate"]>) =>
      timedStep(`checking ${shown(path.resolve(specFile))} and generating C`, work, (g) => {
        if (!g.ok) return undefined;
        generated = g;
        const changed = g.write.written.length;
        return `${g.spec.system.name}: generated ${g.files.size} files in ${shown(g.outDir)} (${changed === 0 ? "none changed" : `${changed} changed`})`;
      }),
    make: (work: () => Promise<StageResults["make"]>) => {
      const name = generated?.spec.system.name ?? "";
      const elf = path.join(generated?.outDir ?? "", `${name}.elf`);
      return timedStep(`${name}: compiling and linking with make`, work, (m) => (m.ok ? `${name}: built ${shown(elf)} (.bin, .hex, .mem beside it)` : undefined));
    },
  };
  return ((stage: keyof StageResults, work: () => Promise<never>) => stages[stage](work)) as StageRunner;
}

/** Generates and builds a spec, printing progress and every problem; never throws for the user's mistakes. */
export async function buildSystem(specFile: string, options: Omit<BuildOptions, "stage"> = {}): Promise<BuildResult> {
  const result = await build(specFile, { ...options, stage: showStages(specFile) });
  if (!result.ok && result.stage === "generate") {
    printProblems(result.failed.problems, result.failed.source);
  } else if (!result.ok) {
    const name = result.generated.spec.system.name;
    const errors = result.errors.split("\n").filter((l) => /\berror\b/.test(l)).length;
    console.error(paint(`phase3 ${name}: the build failed${errors ? ` with ${plural(errors, "error")}` : ""}:`, "red", process.stderr));
    console.error(result.errors);
  } else if (hasWarnings(result.built.make.output)) {
    console.error(paint(compilerDiagnostics(result.built.make.output, result.built.outDir), "yellow", process.stderr));
  }
  return result;
}
