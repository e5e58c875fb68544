/**
 * The type-level tests in test/types/names.ts are errors for the right
 * reason: with its `@ts-expect-error` directives removed, TypeScript reports
 * an error on each marked line whose message contains the text the directive
 * names. With them, the file is clean: `tsc --noEmit -p .`, the first half of
 * `npm test`, checks that, and fails if a directive marks no error.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.ts";

const FILE = path.join(ROOT, "test", "types", "names.ts");
const DIRECTIVE = /^\s*\/\/ @ts-expect-error (.*)$/;

function errorsOf(text: string): { line: number; message: string }[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (file) => (path.resolve(file) === FILE ? text : readFile(file));
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (file, version, ...rest) =>
    path.resolve(file) === FILE ? ts.createSourceFile(file, text, version) : getSourceFile(file, version, ...rest);
  const program = ts.createProgram([FILE], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === FILE)
    .map((d) => ({ line: d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") }));
}

describe("names are typed", () => {
  const source = fs.readFileSync(FILE, "utf8");
  const lines = source.split("\n");
  const marked = lines.flatMap((l, i) => {
    const m = DIRECTIVE.exec(l);
    return m ? [{ line: i, expect: m[1].trim() }] : [];
  });

  it("marks at least the four misuses the DSL promises to catch", () => {
    expect(marked.length).toBeGreaterThanOrEqual(4);
  });

  it("each marked line is a type error for the reason its directive gives, and nothing else is", () => {
    // blank the directives, keeping line numbers
    const stripped = lines.map((l) => (DIRECTIVE.test(l) ? "" : l)).join("\n");
    const errors = errorsOf(stripped);
    for (const { line, expect: text } of marked) {
      const here = errors.filter((e) => e.line === line + 1);
      expect(here.length, `line ${line + 2} should be a type error`).toBeGreaterThan(0);
      expect(here.map((e) => e.message).join("\n"), `line ${line + 2}`).toContain(text);
    }
    const unexpected = errors.filter((e) => !marked.some((m) => m.line + 1 === e.line));
    expect(unexpected).toEqual([]);
    // With the directives, the file is clean: `tsc --noEmit -p .` checks that, and fails on an unused directive.
  });
});
