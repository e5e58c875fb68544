/**
 * A problem found in a user's file, located for a person: file:line:col, the
 * rule that found it, and a short code frame. Everything the CLI reports about
 * a spec (type errors, load errors, validation) is one of these.
 */
import path from "node:path";

export interface Located {
  /** Rule id, or "type-error" / "spec-load-failed" for problems found before validation. */
  rule: string;
  message: string;
  file: string;
  /** 1-based line and column; 0 when the file as a whole is meant. */
  line: number;
  column: number;
  /** Length of the span to underline, at least 1. */
  length: number;
}

/** Three lines of context around the problem, with the span underlined. */
export function codeFrame(source: string, line: number, column: number, length: number): string {
  if (line < 1) return "";
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line) {
      const text = lines[n - 1] ?? "";
      const span = Math.max(1, Math.min(length, text.length - column + 1));
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}${"^".repeat(span)}`);
    }
  }
  return out.join("\n");
}

/** "file:line:col error rule: message" plus the code frame, relative to cwd. */
export function formatLocated(problem: Located, source: string | undefined, cwd = process.cwd()): string {
  const where = path.relative(cwd, problem.file) || problem.file;
  const position = problem.line > 0 ? `${where}:${problem.line}:${problem.column}` : where;
  const head = `${position}: error ${problem.rule}: ${problem.message}`;
  const frame = source !== undefined ? codeFrame(source, problem.line, problem.column, problem.length) : "";
  return frame ? `${head}\n${frame}` : head;
}

/** A problem at a place in a file (line 0: the file as a whole). */
export function problemAt(rule: string, file: string, message: string, line = 0, column = 0, length = 1): Located {
  return { rule, message, file, line, column, length };
}
