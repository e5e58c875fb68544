/**
 * How Phase3's tools write to a person's terminal: colour only on a terminal
 * (and never with NO_COLOR), paths as the person would type them, and located
 * problems with their code frames. The CLI and `npm run bench` both print
 * through this; the pipeline itself prints nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { formatLocated, type Located } from "./pipeline/load/located.ts";

export const useColor = (stream: NodeJS.WriteStream) => stream.isTTY === true && !process.env.NO_COLOR;

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(text: string, color: Color, stream: NodeJS.WriteStream = process.stdout): string {
  return useColor(stream) ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

/** A path as the person would type it: relative to where they are. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted (commands a person may paste). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Prints located problems with code frames, each framed from its own file
 * (a type error may be in a file the spec imports); `source`, the spec's
 * text as checked, stands in for a file that cannot be read.
 */
export function printProblems(problems: Located[], source: string | undefined): void {
  const sources = new Map<string, string | undefined>();
  const sourceOf = (file: string) => {
    if (!sources.has(file)) {
      try {
        sources.set(file, fs.readFileSync(file, "utf8"));
      } catch {
        sources.set(file, source);
      }
    }
    return sources.get(file);
  };
  for (const problem of problems) {
    const text = formatLocated(problem, problem.file ? sourceOf(problem.file) : undefined);
    const [head, ...frame] = text.split("\n");
    console.error(paint(head, "red", process.stderr));
    if (frame.length) console.error(frame.join("\n"));
  }
  console.error(`${problems.length} problem${problems.length === 1 ? "" : "s"} found`);
}
