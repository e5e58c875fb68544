/**
 * Load stage: a spec file on disk → a type-checked, evaluated System.
 *
 * 1. bundle it with esbuild (bundle.ts);
 * 2. type-check it with TypeScript (typecheck.ts), so a wrong partition
 *    name is reported like the editor reports it — unless the cache knows
 *    this exact spec, with these imports and this Phase3, is clean
 *    (typecheck-cache.ts): then TypeScript is not even loaded;
 * 3. evaluate the bundle and take its default export (evaluate.ts).
 *
 * Every failure is a located problem, never a stack trace. A spec with type
 * errors that still evaluates to a system is returned as `partial`, so the
 * validator can report its other mistakes in the same run.
 */
import fs from "node:fs";
import path from "node:path";
import type { SourceFile } from "ts-morph";
import { isSystem, type System } from "../../../spec/index.ts";
import { bundle } from "./bundle.ts";
import { evaluate } from "./evaluate.ts";
import { problemAt, type Located } from "./located.ts";
import { SPEC_DIR } from "./spec-dir.ts";
import { COMPILER_OPTIONS, parsedAlone, typeErrors, type LineSpan } from "./typecheck.ts";
import { isKnownClean, rememberClean, typecheckKey, userFilesOf } from "./typecheck-cache.ts";

export { isTypeScriptLoaded } from "./typecheck.ts";

export interface LoadedSpec {
  /** Absolute path of the spec file. */
  file: string;
  source: string;
  system: System;
  /** The parsed spec, for locating validation diagnostics; loads TypeScript on first use. */
  sourceFile(): Promise<SourceFile>;
  /** The spec and the user's own files it imports (what --watch watches). */
  inputs: string[];
}

export type LoadResult =
  | { ok: true; spec: LoadedSpec }
  | { ok: false; problems: Located[]; source?: string; partial?: { spec: LoadedSpec; typeErrorSpans: LineSpan[] } };

/** The spec file and the user's own TypeScript files it imports, as absolute paths. */
export function specSourceFiles(spec: LoadedSpec): string[] {
  return spec.inputs.map((f) => path.normalize(f));
}

export interface LoadOptions {
  /** Skip the TypeScript check (the spec was checked already, e.g. by the caller's editor). */
  typecheck?: boolean;
  /** Where to remember clean type-check verdicts (the build folder); none when undefined. */
  cacheDir?: string;
}

export async function loadSpec(specFile: string, options: LoadOptions = {}): Promise<LoadResult> {
  const file = path.resolve(specFile);
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    return { ok: false, problems: [problemAt("spec-not-found", file, `cannot read the spec file ${specFile}`)] };
  }
  const bundled = await bundle(file);

  let typeProblems: Located[] = [];
  let typeErrorSpans: LineSpan[] = [];
  if (options.typecheck !== false) {
    const key = bundled.ok ? typecheckKey(file, userFilesOf(file, bundled.inputs, SPEC_DIR), SPEC_DIR, COMPILER_OPTIONS) : undefined;
    if (key === undefined || !isKnownClean(options.cacheDir, key)) {
      ({ problems: typeProblems, spans: typeErrorSpans } = await typeErrors(file, source));
      if (typeProblems.length === 0 && key !== undefined) rememberClean(options.cacheDir, key);
    }
  }
  const fail = (problems: Located[]): LoadResult => ({ ok: false, problems: typeProblems.length ? typeProblems : problems, source });
  if (!bundled.ok) return fail(bundled.problems);
  const evaluated = await evaluate(file, bundled);
  if (!evaluated.ok) return fail(evaluated.problems);
  if (!isSystem(evaluated.value)) {
    return fail([problemAt("spec-no-default-export", file, "the spec's default export is not a system: write `export default defineSystem({ ... })`")]);
  }
  let parsed: Promise<SourceFile> | undefined;
  const spec: LoadedSpec = {
    file,
    source,
    system: evaluated.value,
    sourceFile: () => (parsed ??= parsedAlone(file, source)),
    inputs: userFilesOf(file, bundled.inputs, SPEC_DIR),
  };
  if (typeProblems.length) return { ok: false, problems: typeProblems, source, partial: { spec, typeErrorSpans } };
  return { ok: true, spec };
}

/** Locates a validation diagnostic's spec path in the loaded spec. */
export async function locate(spec: LoadedSpec, rule: string, message: string, specPath: readonly (string | number)[]): Promise<Located> {
  const { locatePath, spanOf } = await import("./locate.ts");
  const node = locatePath(await spec.sourceFile(), specPath);
  if (!node) return problemAt(rule, spec.file, message);
  const span = spanOf(node);
  return problemAt(rule, spec.file, message, span.line, span.column, span.length);
}
