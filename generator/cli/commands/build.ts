/** `phase3 build <spec>`: generate the C and build the images with make; `--watch` keeps doing it. */
import fs from "node:fs";
import path from "node:path";
import { generate, type Failed, type Generated } from "../../pipeline/index.ts";
import { withImageSizes } from "../../pipeline/report/report.ts";
import { compilerDiagnostics, hasWarnings } from "../../pipeline/make/diagnostics.ts";
import { makeErrors, runMake } from "../../pipeline/make/make.ts";
import { specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { paint, printProblems, shown, timedStep } from "../output.ts";

export const command: Command = {
  usage: "build <spec> [--out <dir>] [--watch]",
  options: { out: { type: "string" }, watch: { type: "boolean", default: false } },
  run: async (invocation) => {
    const spec = specArgument(invocation, "build");
    const options = { outDir: stringOption(invocation, "out") };
    if (invocation.options.watch === true) return (await import("../watch/watch-build.ts")).watchBuild(spec, options);
    return build(spec, options);
  },
};

export interface BuildOptions {
  outDir?: string;
}

export type Built = Generated & { elf: string };

export interface BuildOutcome {
  /** The images, when everything worked. */
  built?: Built;
  /** How far the pipeline got: problems in the spec, or the generated tree. */
  generated: Failed | Generated;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Generates and builds a spec, printing progress and every problem; never throws for the user's mistakes. */
export async function buildSystem(specFile: string, options: BuildOptions = {}): Promise<BuildOutcome> {
  const generated = await timedStep(
    `checking ${shown(path.resolve(specFile))} and generating C`,
    () => generate(specFile, options.outDir),
    (g) => {
      if (!g.ok) return undefined;
      const changed = g.write.written.length;
      return `${g.spec.system.name}: generated ${g.files.size} files in ${shown(g.outDir)} (${changed === 0 ? "none changed" : `${changed} changed`})`;
    },
  );
  if (!generated.ok) {
    printProblems(generated.problems, generated.source);
    return { generated };
  }
  const { system } = generated.spec;
  const elf = path.join(generated.outDir, `${system.name}.elf`);
  const made = await timedStep(`${system.name}: compiling and linking with make`, () => runMake(generated.outDir), (m) =>
    m.ok ? `${system.name}: built ${shown(elf)} (.bin, .hex, .mem beside it)` : undefined,
  );
  if (!made.ok) {
    const diagnostics = makeErrors(made.output, generated.outDir);
    const errors = diagnostics.split("\n").filter((l) => /\berror\b/.test(l)).length;
    console.error(paint(`phase3 ${system.name}: the build failed${errors ? ` with ${plural(errors, "error")}` : ""}:`, "red", process.stderr));
    console.error(diagnostics);
    return { generated };
  }
  addImageSizes(generated);
  if (hasWarnings(made.output)) console.error(paint(compilerDiagnostics(made.output, generated.outDir), "yellow", process.stderr));
  return { generated, built: { ...generated, elf } };
}

/** Fills the image sizes into report.txt now that make has built the images. */
function addImageSizes(generated: Generated): void {
  const file = path.join(generated.outDir, "report.txt");
  const report = fs.readFileSync(file, "utf8");
  const sized = withImageSizes(report, generated.outDir, generated.spec.system, generated.plan);
  if (sized !== report) fs.writeFileSync(file, sized);
}

export async function build(specFile: string, options: BuildOptions): Promise<number> {
  return (await buildSystem(specFile, options)).built ? 0 : 1;
}
