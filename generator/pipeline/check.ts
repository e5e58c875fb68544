/**
 * Load and validate: everything `phase3 check` needs, and nothing it does
 * not (no lowering, templates or ABI reader), so that a check loads fast.
 */
import fs from "node:fs";
import path from "node:path";
import { planMemory, validate, type MemoryPlan } from "../../spec/index.ts";
import { loadSpec, locate, type LoadedSpec, type LoadOptions } from "./load/load-spec.ts";
import type { Located } from "./load/located.ts";

export type Failed = { ok: false; problems: Located[]; source?: string };
export type Checked = { ok: true; spec: LoadedSpec; plan: MemoryPlan };

/** Problems in the order a person reads them: the spec's first, then by file, line and column (rule order breaks ties). */
function inReadingOrder(problems: Located[], specFile: string): Located[] {
  const rank = (p: Located) => (p.file === specFile ? "" : p.file);
  return [...problems].sort((a, b) => (rank(a) === rank(b) ? a.line - b.line || a.column - b.column : rank(a) < rank(b) ? -1 : 1));
}

/** Validates a loaded system and locates each diagnostic in the spec. */
async function validateLoaded(spec: LoadedSpec): Promise<Located[]> {
  const specDir = path.dirname(spec.file);
  const diagnostics = validate(spec.system, {
    fileExists: (relative) => fs.existsSync(path.resolve(specDir, relative)),
  });
  return Promise.all(diagnostics.map((d) => locate(spec, d.rule, d.message, d.path)));
}

/**
 * Loads and validates a spec: the whole of `phase3 check`. A spec with type
 * errors that still evaluates is validated too, and its other mistakes are
 * reported with the type errors (minus those inside the object or list a
 * type error is in, which would only say the same thing again).
 */
export async function checkSpec(specFile: string, options: LoadOptions = {}): Promise<Failed | Checked> {
  const loaded = await loadSpec(specFile, { cacheDir: defaultOutDir(specFile), ...options });
  if (!loaded.ok) {
    if (!loaded.partial) return loaded;
    const { spec, typeErrorSpans } = loaded.partial;
    const more = (await validateLoaded(spec)).filter((p) => !typeErrorSpans.some((s) => s.file === p.file && p.line >= s.from && p.line <= s.to));
    return { ok: false, problems: inReadingOrder([...loaded.problems, ...more], spec.file), source: loaded.source };
  }
  const spec = loaded.spec;
  const problems = await validateLoaded(spec);
  if (problems.length) return { ok: false, source: spec.source, problems: inReadingOrder(problems, spec.file) };
  const planned = planMemory(spec.system);
  if (!planned.ok) throw new Error("internal: the validator passed a system the memory plan rejects");
  return { ok: true, spec, plan: planned.plan };
}

/**
 * The build folder of a spec unless told otherwise: build/ beside it, or
 * build-<variant>/ for a variant `system.<variant>.ts` (the same system on
 * another board) or any other file name, so that specs side by side never
 * share one.
 */
export function defaultOutDir(specFile: string): string {
  const stem = path.basename(specFile).replace(/\.[cm]?[jt]s$/, "");
  const variant = stem === "system" ? "" : stem.replace(/^system\./, "");
  return path.join(path.dirname(path.resolve(specFile)), variant ? `build-${variant}` : "build");
}

