/**
 * Type-checking a spec with TypeScript (through ts-morph), as the editor
 * does: its errors, and the innermost object or list around each (what the
 * validator then need not report again). TypeScript is loaded only when a
 * check has to run (load-spec.ts asks the cache first), and one project is
 * kept per process, so that --watch pays for it once.
 */
import path from "node:path";
import type { Project, SourceFile } from "ts-morph";
import { problemAt, type Located } from "./located.ts";
import { SPEC_DIR, SPEC_ENTRY } from "./spec-dir.ts";

/**
 * TypeScript widens a literal it does not see used where the DSL wants one
 * (a partition returned by a helper function: `memory: "128K"` becomes
 * `string`), and then says only that string is not a Size. Say what to do.
 */
export function widenedHint(specific: string): string {
  const m = /^Type '(string|number)' is not assignable to type '([^']+)'\.?$/.exec(specific);
  if (!m) return "";
  const target = m[2];
  const literal = /^(Size|Time|FaultPolicy|Access|ExecutionMode)$/.test(target) || /^"[^"]*"( \| "[^"]*")*$/.test(target);
  if (!literal) return "";
  return `: TypeScript widened a value written outside defineSystem's object to ${m[1]}; keep its literal type with \`as const\`, or write it with partition({ ... }), size("128K") or time("10ms") from "phase3" (see "Specs in pieces" in docs/dsl.md)`;
}

/** Lines [from, to] of a file that hold the innermost object or list around a type error. */
export interface LineSpan {
  file: string;
  from: number;
  to: number;
}

type TsMorph = typeof import("ts-morph");
let tsMorph: TsMorph | undefined;
let project: Project | undefined;
let locateProject: Project | undefined;

/** Whether this process has loaded TypeScript (ts-morph) yet: the cached path of `check` does not. */
export function isTypeScriptLoaded(): boolean {
  return tsMorph !== undefined;
}

/** What the type-check verdict depends on besides the files: part of the cache key. */
export const COMPILER_OPTIONS = { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["lib.es2022.d.ts"], paths: { phase3: "spec/index.ts" } };

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
export async function parsedAlone(file: string, source: string): Promise<SourceFile> {
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
export async function typeErrors(file: string, source: string): Promise<{ problems: Located[]; spans: LineSpan[] }> {
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
    const last = lines[lines.length - 1];
    const hint = widenedHint(last);
    const specific = hint ? last.replace(/\.?$/, `${hint}.`) : last;
    const message = lines.length > 1 ? `${specific} (${lines[0]})` : specific;
    problems.push(problemAt("type-error", where.getFilePath(), message, line, column, diagnostic.getLength() ?? 1));
    const node = where.getDescendantAtPos(start);
    const around = node?.getAncestors().find((a) => Node.isObjectLiteralExpression(a) || Node.isArrayLiteralExpression(a));
    spans.push(around ? { file: where.getFilePath(), from: around.getStartLineNumber(), to: around.getEndLineNumber() } : { file: where.getFilePath(), from: line, to: line });
  }
  if (problems.length === 0 && !sourceFile.getDefaultExportSymbol()) {
    problems.push(problemAt("spec-no-default-export", sourceFile.getFilePath(), "the spec must `export default defineSystem({ ... })`"));
  }
  return { problems, spans };
}

