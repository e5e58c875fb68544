/**
 * The pipeline, end to end:
 *
 *   load → validate → plan → lower → render → write → make → report
 *
 * Each stage is its own module; this file only strings them together, so the
 * CLI, `--watch`, the benchmark harness and the tests share one path.
 * `generate` stops after write (the C and the Makefile, which build with
 * plain make); `build` goes on to the images and report.txt, written once,
 * after the images exist.
 */
import fs from "node:fs";
import path from "node:path";
import { PHASE3_ROOT } from "../root.ts";
import { checkSpec, defaultOutDir, type Checked, type Failed } from "./check.ts";
import type { LoadedSpec, LoadOptions } from "./load/load-spec.ts";
import { readAbi } from "./load/read-abi.ts";
import { lower } from "./lower/index.ts";
import type { Model } from "./lower/model.ts";
import { makeErrors, runMake, type MakeResult } from "./make/make.ts";
import { render, type FileContent } from "./render/index.ts";
import { renderReport } from "./report/report.ts";
import { readImageSizes } from "./report/sizes.ts";
import { writeIfChanged, writeTree, type WriteResult } from "./write/index.ts";

export const FIRMWARE_DIR = path.join(PHASE3_ROOT, "firmware");
export const REPORT_FILE = "report.txt";

export { checkSpec, defaultOutDir, type Checked, type Failed } from "./check.ts";

export type Generated = Checked & { model: Model; files: Map<string, FileContent>; outDir: string; write: WriteResult };

/** Guest images are copied into the build folder, so it builds on its own. */
function guestImages(spec: LoadedSpec, model: Model): Map<string, Buffer> {
  const copies = new Map<string, Buffer>();
  for (const p of model.partitions) {
    const image = spec.system.partitions[p.name].image;
    if (image && p.guestImage) copies.set(p.guestImage, fs.readFileSync(path.resolve(path.dirname(spec.file), image.file)));
  }
  return copies;
}

/** A checked spec's model, for a build folder (paths in the model are relative to it). */
export function lowerChecked(checked: Checked, outDir: string): Model {
  return lower(checked.spec.system, checked.plan, readAbi(), { specFile: checked.spec.file, outDir: path.resolve(outDir), firmwareDir: FIRMWARE_DIR });
}

/** Checks a spec and lowers it: everything but writing. */
export async function modelOf(specFile: string, outDir = defaultOutDir(specFile), options: LoadOptions = {}): Promise<Failed | (Checked & { model: Model })> {
  const checked = await checkSpec(specFile, { cacheDir: path.resolve(outDir), ...options });
  return checked.ok ? { ...checked, model: lowerChecked(checked, outDir) } : checked;
}

/** Checks a spec and writes its generated files (C, linker scripts, the Makefile) into the build folder. */
export async function generate(specFile: string, outDir = defaultOutDir(specFile), options: LoadOptions = {}): Promise<Failed | Generated> {
  const checked = await checkSpec(specFile, { cacheDir: path.resolve(outDir), ...options });
  if (!checked.ok) return checked;
  const absoluteOut = path.resolve(outDir);
  const model = lowerChecked(checked, absoluteOut);
  const files = render(model, guestImages(checked.spec, model));
  const write = writeTree(absoluteOut, files);
  return { ...checked, model, files, outDir: absoluteOut, write };
}

/** What each stage of a build returns: what a StageRunner sees. */
export interface StageResults {
  generate: Failed | Generated;
  make: MakeResult;
}

/** Runs a stage's work; a caller may wrap it to show progress. */
export type StageRunner = <S extends keyof StageResults>(stage: S, work: () => Promise<StageResults[S]>) => Promise<StageResults[S]>;

export interface BuildOptions extends LoadOptions {
  outDir?: string;
  /** make targets (default: the images). */
  targets?: string[];
  stage?: StageRunner;
}

export type Built = Generated & { elf: string; make: MakeResult; reportWritten: boolean };

export type BuildResult =
  | { ok: true; built: Built }
  /** The spec has problems: nothing was generated. */
  | { ok: false; stage: "generate"; failed: Failed }
  /** The generated tree did not build: `errors` are the compiler's, against the user's files. */
  | { ok: false; stage: "make"; generated: Generated; make: MakeResult; errors: string };

const runStage: StageRunner = (_stage, work) => work();

/** spec → model → C → make → images → report.txt: everything `phase3 build` does. Never throws for the user's mistakes. */
export async function build(specFile: string, options: BuildOptions = {}): Promise<BuildResult> {
  const stage = options.stage ?? runStage;
  const generated = await stage("generate", () => generate(specFile, options.outDir, options));
  if (!generated.ok) return { ok: false, stage: "generate", failed: generated };
  const made = await stage("make", () => runMake(generated.outDir, options.targets));
  const sizes = made.ok ? readImageSizes(generated.outDir, generated.model) : undefined;
  const reportWritten = writeIfChanged(path.join(generated.outDir, REPORT_FILE), renderReport(generated.model, sizes));
  if (!made.ok) return { ok: false, stage: "make", generated, make: made, errors: makeErrors(made.output, generated.outDir) };
  const elf = path.join(generated.outDir, `${generated.spec.system.name}.elf`);
  return { ok: true, built: { ...generated, elf, make: made, reportWritten } };
}

/** How far a build got: the spec's problems, or the generated tree (built or not). */
export function generatedOf(result: BuildResult): Failed | Generated {
  return result.ok ? result.built : result.stage === "generate" ? result.failed : result.generated;
}
