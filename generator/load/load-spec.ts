/**
 * Load stage: a spec file on disk → a type-checked, evaluated System.
 *
 * 1. type-check the spec with TypeScript (through ts-morph), so a wrong
 *    partition name is reported like the editor reports it;
 * 2. bundle it with esbuild, resolving `import ... from "phase3"` to this
 *    checkout's spec/ wherever the spec file lives;
 * 3. evaluate the bundle and take its default export.
 *
 * Every failure is a located problem, never a stack trace.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { Project, ts, type SourceFile } from "ts-morph";
import { isSystem, type System } from "../../spec/index.ts";
import type { Located } from "./located.ts";
import { locatePath, spanOf } from "./locate.ts";
import { PHASE3_ROOT } from "../root.ts";

export { PHASE3_ROOT };
const SPEC_ENTRY = path.join(PHASE3_ROOT, "spec", "index.ts");

export interface LoadedSpec {
  /** Absolute path of the spec file. */
  file: string;
  source: string;
  system: System;
  /** The parsed spec, for locating validation diagnostics. */
  sourceFile: SourceFile;
}

export type LoadResult = { ok: true; spec: LoadedSpec } | { ok: false; problems: Located[]; source?: string };

let project: Project | undefined;

/** One TypeScript project per process, reused by `--watch`. */
function typeProject(): Project {
  project ??= new Project({
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
  return project;
}

function located(rule: string, file: string, message: string, line = 0, column = 0, length = 1): Located {
  return { rule, message, file, line, column, length };
}

const isPhase3File = (file: SourceFile) => file.getFilePath().startsWith(path.join(PHASE3_ROOT, "spec") + path.sep);

/** The spec and the user's own files it imports, transitively (not Phase3's). */
function userFiles(root: SourceFile): SourceFile[] {
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

/** TypeScript errors in the spec and the user's files it imports (not in Phase3's own). */
function typeErrors(sourceFile: SourceFile): Located[] {
  const problems: Located[] = [];
  for (const diagnostic of userFiles(sourceFile).flatMap((f) => f.getPreEmitDiagnostics())) {
    const file = diagnostic.getSourceFile();
    if (!file) continue;
    if (diagnostic.getCategory() !== ts.DiagnosticCategory.Error) continue;
    const start = diagnostic.getStart() ?? 0;
    const { line, column } = file.getLineAndColumnAtPos(start);
    const text = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, "\n");
    // The last line of a TypeScript chain is the most specific.
    const lines = text.split("\n").map((l) => l.trim());
    const message = lines.length > 1 ? `${lines[lines.length - 1]} (${lines[0]})` : lines[0];
    problems.push(located("type-error", file.getFilePath(), message, line, column, diagnostic.getLength() ?? 1));
  }
  if (problems.length === 0 && !sourceFile.getDefaultExportSymbol()) {
    problems.push(located("spec-no-default-export", sourceFile.getFilePath(), "the spec must `export default defineSystem({ ... })`"));
  }
  return problems;
}

/** Bundles the spec with "phase3" pointing at this checkout, and evaluates it. */
async function evaluate(file: string): Promise<{ ok: true; value: unknown } | { ok: false; problems: Located[] }> {
  // A file, not a data: URL, so that Node maps a throw back to the spec's own
  // lines; esbuild writes the source map relative to where the bundle will be.
  const bundle = path.join(os.tmpdir(), `phase3-spec-${process.pid}-${createHash("sha256").update(file).digest("hex").slice(0, 12)}.mjs`);
  let code: string;
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      outfile: bundle,
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      sourcemap: "inline",
      logLevel: "silent",
      alias: { phase3: SPEC_ENTRY },
    });
    code = result.outputFiles[0].text;
  } catch (error) {
    const messages = (error as { errors?: esbuild.Message[] }).errors ?? [];
    return {
      ok: false,
      problems: messages.map((m) =>
        located("spec-syntax", m.location ? path.resolve(m.location.file) : file, m.text, m.location?.line ?? 0, (m.location?.column ?? 0) + 1, m.location?.length ?? 1),
      ),
    };
  }
  try {
    process.setSourceMapsEnabled(true);
    fs.writeFileSync(bundle, code);
    // the query makes each load a new module, so --watch sees edits
    const module = (await import(`${pathToFileURL(bundle).href}?v=${createHash("sha256").update(code).digest("hex").slice(0, 12)}`)) as { default?: unknown };
    return { ok: true, value: module.default };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    const frame = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(stack);
    return { ok: false, problems: [located("spec-load-failed", file, `the spec threw while loading: ${message}`, frame ? Number(frame[1]) : 0, frame ? Number(frame[2]) : 0)] };
  } finally {
    fs.rmSync(bundle, { force: true });
  }
}

/**
 * The project outlives one load (`--watch`): the user's files it holds from an
 * earlier load are re-read, so an edit to a file the spec imports is seen.
 */
function refreshUserFiles(p: Project, specFile: string): void {
  for (const f of p.getSourceFiles()) {
    if (f.getFilePath() !== specFile && !isPhase3File(f) && !f.isDeclarationFile()) f.refreshFromFileSystemSync();
  }
}

/** The spec file and the user's own TypeScript files it imports, as absolute paths. */
export function specSourceFiles(spec: LoadedSpec): string[] {
  return userFiles(spec.sourceFile).map((f) => path.normalize(f.getFilePath()));
}

export interface LoadOptions {
  /** Skip the TypeScript check (the spec was checked already, e.g. by the caller's editor). */
  typecheck?: boolean;
}

export async function loadSpec(specFile: string, options: LoadOptions = {}): Promise<LoadResult> {
  const file = path.resolve(specFile);
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    return { ok: false, problems: [located("spec-not-found", file, `cannot read the spec file ${specFile}`)] };
  }
  const p = typeProject();
  refreshUserFiles(p, file);
  const existing = p.getSourceFile(file);
  if (existing) existing.replaceWithText(source);
  const sourceFile = existing ?? p.addSourceFileAtPath(file);
  p.resolveSourceFileDependencies();

  if (options.typecheck !== false) {
    const problems = typeErrors(sourceFile);
    if (problems.length) return { ok: false, problems, source };
  }
  const evaluated = await evaluate(file);
  if (!evaluated.ok) return { ok: false, problems: evaluated.problems, source };
  if (!isSystem(evaluated.value)) {
    return { ok: false, problems: [located("spec-no-default-export", file, "the spec's default export is not a system: write `export default defineSystem({ ... })`")], source };
  }
  return { ok: true, spec: { file, source, system: evaluated.value, sourceFile } };
}

/** Locates a validation diagnostic's spec path in the loaded spec. */
export function locate(spec: LoadedSpec, rule: string, message: string, specPath: readonly (string | number)[]): Located {
  const node = locatePath(spec.sourceFile, specPath);
  if (!node) return located(rule, spec.file, message);
  const span = spanOf(node);
  return located(rule, spec.file, message, span.line, span.column, span.length);
}
