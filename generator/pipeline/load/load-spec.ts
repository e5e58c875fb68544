/**
 * Load stage: a spec file on disk → a type-checked, evaluated System.
 *
 * 1. bundle it with esbuild, resolving `import ... from "phase3"` to this
 *    checkout's spec/ wherever the spec file lives;
 * 2. type-check it with TypeScript (through ts-morph), so a wrong partition
 *    name is reported like the editor reports it — unless the cache knows
 *    this exact spec, with these imports and this Phase3, is clean
 *    (typecheck-cache.ts): then TypeScript is not even loaded;
 * 3. evaluate the bundle and take its default export.
 *
 * Every failure is a located problem, never a stack trace. A spec with type
 * errors that still evaluates to a system is returned as `partial`, so the
 * validator can report its other mistakes in the same run.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import type { Project, SourceFile } from "ts-morph";
import { isSystem, type System } from "../../../spec/index.ts";
import type { Located } from "./located.ts";
import { isKnownClean, rememberClean, typecheckKey, userFilesOf } from "./typecheck-cache.ts";

import { PHASE3_ROOT } from "../../root.ts";

export { PHASE3_ROOT };
const SPEC_DIR = path.join(PHASE3_ROOT, "spec");
const SPEC_ENTRY = path.join(SPEC_DIR, "index.ts");

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

/** Lines [from, to] of a file that hold the innermost object or list around a type error. */
export interface LineSpan {
  file: string;
  from: number;
  to: number;
}

export type LoadResult =
  | { ok: true; spec: LoadedSpec }
  | { ok: false; problems: Located[]; source?: string; partial?: { spec: LoadedSpec; typeErrorSpans: LineSpan[] } };

type TsMorph = typeof import("ts-morph");
let tsMorph: TsMorph | undefined;
let project: Project | undefined;
let locateProject: Project | undefined;

/** Whether this process has loaded TypeScript (ts-morph) yet: the cached path of `check` does not. */
export function isTypeScriptLoaded(): boolean {
  return tsMorph !== undefined;
}

/** What the type-check verdict depends on besides the files: part of the cache key. */
const COMPILER_OPTIONS = { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["lib.es2022.d.ts"], paths: { phase3: "spec/index.ts" } };

/** One TypeScript project per process, reused by `--watch`. */
async function typeProject(): Promise<{ project: Project; morph: TsMorph }> {
  tsMorph ??= await import("ts-morph");
  const { ts } = tsMorph;
  project ??= new tsMorph.Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      lib: ["lib.es2022.d.ts"],
      types: [],
      paths: { phase3: [SPEC_ENTRY] },
    },
  });
  return { project, morph: tsMorph };
}

/**
 * The spec alone, parsed and bound without its imports or the standard
 * library: enough to follow its own `const`s when locating a diagnostic, and
 * far cheaper than the type-checking project.
 */
async function parsedAlone(file: string, source: string): Promise<SourceFile> {
  tsMorph ??= await import("ts-morph");
  locateProject ??= new tsMorph.Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { noLib: true, noResolve: true, types: [] } });
  return locateProject.createSourceFile(file, source, { overwrite: true });
}

/** The spec's source file in the type-checking project, updated to `source`. */
async function sourceFileOf(file: string, source: string): Promise<SourceFile> {
  const { project: p } = await typeProject();
  const existing = p.getSourceFile(file);
  if (existing && existing.getFullText() !== source) existing.replaceWithText(source);
  const root = existing ?? p.createSourceFile(file, source, { overwrite: true });
  // The user's other files may have changed since this project read them.
  for (const other of userSourceFiles(root)) if (other !== root) other.refreshFromFileSystemSync();
  p.resolveSourceFileDependencies();
  return root;
}

function located(rule: string, file: string, message: string, line = 0, column = 0, length = 1): Located {
  return { rule, message, file, line, column, length };
}

const isPhase3File = (file: SourceFile) => file.getFilePath().startsWith(SPEC_DIR + path.sep);

/** The spec and the user's own files it imports, transitively (not Phase3's). */
function userSourceFiles(root: SourceFile): SourceFile[] {
  const seen = new Set<SourceFile>([root]);
  const queue = [root];
  while (queue.length) {
    for (const next of queue.pop()!.getReferencedSourceFiles()) {
      if (!seen.has(next) && !isPhase3File(next) && !next.isDeclarationFile()) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

/** TypeScript errors in the spec and the user's files it imports (not in Phase3's own), with the spans they cover. */
async function typeErrors(file: string, source: string): Promise<{ problems: Located[]; spans: LineSpan[] }> {
  const sourceFile = await sourceFileOf(file, source);
  const { morph } = await typeProject();
  const { ts, Node } = morph;
  const problems: Located[] = [];
  const spans: LineSpan[] = [];
  for (const diagnostic of userSourceFiles(sourceFile).flatMap((f) => f.getPreEmitDiagnostics())) {
    const where = diagnostic.getSourceFile();
    if (!where) continue;
    if (diagnostic.getCategory() !== ts.DiagnosticCategory.Error) continue;
    const start = diagnostic.getStart() ?? 0;
    const { line, column } = where.getLineAndColumnAtPos(start);
    const text = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, "\n");
    // The last line of a TypeScript chain is the most specific.
    const lines = text.split("\n").map((l) => l.trim());
    const message = lines.length > 1 ? `${lines[lines.length - 1]} (${lines[0]})` : lines[0];
    problems.push(located("type-error", where.getFilePath(), message, line, column, diagnostic.getLength() ?? 1));
    const node = where.getDescendantAtPos(start);
    const around = node?.getAncestors().find((a) => Node.isObjectLiteralExpression(a) || Node.isArrayLiteralExpression(a));
    spans.push(around ? { file: where.getFilePath(), from: around.getStartLineNumber(), to: around.getEndLineNumber() } : { file: where.getFilePath(), from: line, to: line });
  }
  if (problems.length === 0 && !sourceFile.getDefaultExportSymbol()) {
    problems.push(located("spec-no-default-export", sourceFile.getFilePath(), "the spec must `export default defineSystem({ ... })`"));
  }
  return { problems, spans };
}

type Bundled = { ok: true; code: string; inputs: string[]; outfile: string } | { ok: false; problems: Located[] };

/** Bundles the spec with "phase3" pointing at this checkout. */
async function bundle(file: string): Promise<Bundled> {
  // A file, not a data: URL, so that Node maps a throw back to the spec's own
  // lines; esbuild writes the source map relative to where the bundle will be.
  const outfile = path.join(os.tmpdir(), `phase3-spec-${process.pid}-${createHash("sha256").update(file).digest("hex").slice(0, 12)}.mjs`);
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      outfile,
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      sourcemap: "inline",
      logLevel: "silent",
      metafile: true,
      absWorkingDir: path.dirname(file),
      alias: { phase3: SPEC_ENTRY },
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(path.dirname(file), input));
    return { ok: true, code: result.outputFiles[0].text, inputs, outfile };
  } catch (error) {
    const messages = (error as { errors?: esbuild.Message[] }).errors ?? [];
    return {
      ok: false,
      problems: messages.map((m) =>
        located("spec-syntax", m.location ? path.resolve(path.dirname(file), m.location.file) : file, m.text, m.location?.line ?? 0, (m.location?.column ?? 0) + 1, m.location?.length ?? 1),
      ),
    };
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where in the spec a throw happened: its first stack frame in the spec file,
 * as Node maps it, or else its first frame in the bundle mapped through the
 * bundle's own source map (for hosts whose stack traces skip source maps).
 */
function throwSite(file: string, bundled: { code: string; outfile: string }, stack: string): { line: number; column: number } | undefined {
  const direct = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(stack);
  if (direct) return { line: Number(direct[1]), column: Number(direct[2]) };
  const inBundle = new RegExp(`${escapeRegExp(path.basename(bundled.outfile))}(?:\\?[^:]*)?:(\\d+):(\\d+)`).exec(stack);
  const map = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(bundled.code);
  if (!inBundle || !map) return undefined;
  const entry = new SourceMap(JSON.parse(Buffer.from(map[1], "base64").toString("utf8"))).findEntry(Number(inBundle[1]) - 1, Number(inBundle[2]) - 1);
  if (!("originalSource" in entry) || path.resolve(path.dirname(bundled.outfile), entry.originalSource) !== file) return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** Evaluates a bundle and takes its default export. */
async function evaluate(file: string, bundled: { code: string; outfile: string }): Promise<{ ok: true; value: unknown } | { ok: false; problems: Located[] }> {
  try {
    process.setSourceMapsEnabled(true);
    fs.writeFileSync(bundled.outfile, bundled.code);
    // the query makes each load a new module, so --watch sees edits
    const module = (await import(`${pathToFileURL(bundled.outfile).href}?v=${createHash("sha256").update(bundled.code).digest("hex").slice(0, 12)}`)) as { default?: unknown };
    if (!("default" in module)) return { ok: false, problems: [located("spec-no-default-export", file, "the spec must `export default defineSystem({ ... })`")] };
    return { ok: true, value: module.default };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    const at = throwSite(file, bundled, stack);
    return { ok: false, problems: [located("spec-load-failed", file, `the spec threw while loading: ${message}`, at?.line ?? 0, at?.column ?? 0)] };
  } finally {
    fs.rmSync(bundled.outfile, { force: true });
  }
}

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
    return { ok: false, problems: [located("spec-not-found", file, `cannot read the spec file ${specFile}`)] };
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
    return fail([located("spec-no-default-export", file, "the spec's default export is not a system: write `export default defineSystem({ ... })`")]);
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
  if (!node) return located(rule, spec.file, message);
  const span = spanOf(node);
  return located(rule, spec.file, message, span.line, span.column, span.length);
}
