/**
 * The pipeline, end to end: load → validate → plan → lower → render →
 * write. Each stage is its own module; this file only strings them
 * together, so the CLI, the tests and `--watch` share one path.
 */
import fs from "node:fs";
import path from "node:path";
import { readAbi } from "./load/read-abi.ts";
import { checkSpec, defaultOutDir, type Checked, type Failed } from "./check.ts";
import { PHASE3_ROOT, type LoadedSpec, type LoadOptions } from "./load/load-spec.ts";
import { lower } from "./lower/index.ts";
import type { Model } from "./lower/model.ts";
import { render, type FileContent } from "./render/index.ts";
import { renderReport, reportToWrite } from "./report/report.ts";
import { writeTree, type WriteResult } from "./write/index.ts";

export const FIRMWARE_DIR = path.join(PHASE3_ROOT, "firmware");

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

/** Checks a spec and writes its generated files into the build folder. */
export async function generate(specFile: string, outDir = defaultOutDir(specFile), options: LoadOptions = {}): Promise<Failed | Generated> {
  const checked = await checkSpec(specFile, { cacheDir: path.resolve(outDir), ...options });
  if (!checked.ok) return checked;
  const absoluteOut = path.resolve(outDir);
  const model = lower(checked.spec.system, checked.plan, readAbi(), {
    specFile: checked.spec.file,
    outDir: absoluteOut,
    firmwareDir: FIRMWARE_DIR,
  });
  const files = render(model, guestImages(checked.spec, model));
  files.set("report.txt", reportToWrite(absoluteOut, renderReport(checked.spec.system, checked.plan, model.banner)));
  const write = writeTree(absoluteOut, files);
  return { ...checked, model, files, outDir: absoluteOut, write };
}
