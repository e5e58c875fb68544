/**
 * The pipeline, end to end: load → validate → plan → lower → render →
 * write. Each stage is its own module; this file only strings them
 * together, so the CLI, the tests and `--watch` share one path.
 */
import fs from "node:fs";
import path from "node:path";
import { planMemory, validate, type MemoryPlan } from "../spec/index.ts";
import { readAbi } from "./abi/read-abi.ts";
import { loadSpec, locate, PHASE3_ROOT, type LoadedSpec, type LoadOptions } from "./load/load-spec.ts";
import type { Located } from "./load/located.ts";
import { lower } from "./lower/index.ts";
import type { Model } from "./lower/model.ts";
import { render, type FileContent } from "./render/index.ts";
import { writeTree, type WriteResult } from "./write/index.ts";

export const FIRMWARE_DIR = path.join(PHASE3_ROOT, "firmware");

export type Failed = { ok: false; problems: Located[]; source?: string };
export type Checked = { ok: true; spec: LoadedSpec; plan: MemoryPlan };

/** Loads and validates a spec: the whole of `phase3 check`. */
export async function checkSpec(specFile: string, options: LoadOptions = {}): Promise<Failed | Checked> {
  const loaded = await loadSpec(specFile, options);
  if (!loaded.ok) return loaded;
  const spec = loaded.spec;
  const specDir = path.dirname(spec.file);
  const diagnostics = validate(spec.system, {
    fileExists: (relative) => fs.existsSync(path.resolve(specDir, relative)),
  });
  if (diagnostics.length) {
    return { ok: false, source: spec.source, problems: diagnostics.map((d) => locate(spec, d.rule, d.message, d.path)) };
  }
  const planned = planMemory(spec.system);
  if (!planned.ok) throw new Error("internal: the validator passed a system the memory plan rejects");
  return { ok: true, spec, plan: planned.plan };
}

/** The build folder of a spec unless told otherwise: build/ beside it. */
export function defaultOutDir(specFile: string): string {
  return path.join(path.dirname(path.resolve(specFile)), "build");
}

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
  const checked = await checkSpec(specFile, options);
  if (!checked.ok) return checked;
  const absoluteOut = path.resolve(outDir);
  const model = lower(checked.spec.system, checked.plan, readAbi(), {
    specFile: checked.spec.file,
    outDir: absoluteOut,
    firmwareDir: FIRMWARE_DIR,
  });
  const files = render(model, guestImages(checked.spec, model));
  const write = writeTree(absoluteOut, files);
  return { ...checked, model, files, outDir: absoluteOut, write };
}
