/** `phase3 graph <spec>`: draw the system as an SVG in the build folder and print its path. */
import fs from "node:fs";
import path from "node:path";
import { defaultOutDir, modelOf } from "../../pipeline/index.ts";
import { renderGraph } from "../graph/svg.ts";
import { specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { printProblems, shown } from "../output.ts";

export const command: Command = {
  usage: "graph <spec> [--out <dir>]",
  options: { out: { type: "string" } },
  run: (invocation) => graph(specArgument(invocation, "graph"), stringOption(invocation, "out")),
};

/** Writes <build>/<system>.svg; returns its path, or undefined after printing why it could not. */
export async function writeGraph(specFile: string, outDir?: string): Promise<string | undefined> {
  const out = path.resolve(outDir ?? defaultOutDir(specFile));
  const lowered = await modelOf(specFile, out);
  if (!lowered.ok) {
    printProblems(lowered.problems, lowered.source);
    return undefined;
  }
  const svg = renderGraph(lowered.model);
  const file = path.join(out, `${lowered.model.system.name}.svg`);
  fs.mkdirSync(out, { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== svg) fs.writeFileSync(file, svg);
  return file;
}

async function graph(specFile: string, outDir: string | undefined): Promise<number> {
  const file = await writeGraph(specFile, outDir);
  if (!file) return 1;
  console.log(shown(file));
  return 0;
}
