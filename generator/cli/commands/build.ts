/** `phase3 build <spec>`: generate the C and build the images with make. */
import fs from "node:fs";
import path from "node:path";
import { generate, type Generated } from "../../pipeline.ts";
import { withImageSizes } from "../../report/report.ts";
import { makeErrors, runMake } from "../../toolchain/make.ts";
import { specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { printProblems, shown, step, UserError } from "../output.ts";

export const command: Command = {
  usage: "build <spec> [--out <dir>]",
  options: { out: { type: "string" } },
  run: (invocation) => build(specArgument(invocation, "build"), { outDir: stringOption(invocation, "out") }),
};

export interface BuildOptions {
  outDir?: string;
}

/** The built system, or undefined after printing why it could not be built. */
export async function buildSystem(specFile: string, options: BuildOptions = {}): Promise<(Generated & { elf: string }) | undefined> {
  let started = performance.now();
  const generated = await generate(specFile, options.outDir);
  if (!generated.ok) {
    printProblems(generated.problems, generated.source);
    return undefined;
  }
  const { system } = generated.spec;
  const changed = generated.write.written.length;
  step(`${system.name}: generated ${generated.files.size} files in ${shown(generated.outDir)} (${changed === 0 ? "none changed" : `${changed} changed`})`, started);

  started = performance.now();
  const made = await runMake(generated.outDir);
  if (!made.ok) {
    throw new UserError(`building ${system.name} failed:\n${makeErrors(made.output)}`);
  }
  const elf = path.join(generated.outDir, `${system.name}.elf`);
  addImageSizes(generated);
  step(`${system.name}: built ${shown(elf)} (.bin, .hex, .mem beside it)`, started);
  return { ...generated, elf };
}

/** Fills the image sizes into report.txt now that make has built the images. */
function addImageSizes(generated: Generated): void {
  const file = path.join(generated.outDir, "report.txt");
  const report = fs.readFileSync(file, "utf8");
  const sized = withImageSizes(report, generated.outDir, generated.spec.system, generated.plan);
  if (sized !== report) fs.writeFileSync(file, sized);
}

export async function build(specFile: string, options: BuildOptions): Promise<number> {
  return (await buildSystem(specFile, options)) ? 0 : 1;
}
