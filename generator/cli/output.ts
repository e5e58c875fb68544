/**
 * How the CLI talks to a person: progress lines with timings, diagnostics
 * with code frames, and colour only when writing to a terminal.
 */
import fs from "node:fs";
import path from "node:path";
import { formatLocated, type Located } from "../pipeline/load/located.ts";

const useColor = (stream: NodeJS.WriteStream) => stream.isTTY === true && !process.env.NO_COLOR;

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(text: string, color: Color, stream: NodeJS.WriteStream = process.stdout): string {
  return useColor(stream) ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

/** Colours for partitions, by their position in the spec. */
export const PARTITION_COLORS: Color[] = ["cyan", "green", "magenta", "yellow", "blue", "red"];

/** A path as the person would type it: relative to where they are. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

function seconds(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)}s`;
}

export function step(message: string, startedAt?: number): void {
  const took = startedAt === undefined ? "" : paint(`  ${seconds(startedAt)}`, "dim");
  console.log(`${paint("phase3", "bold")} ${message}${took}`);
}

/**
 * One step of work that takes a while. On a terminal a live line says what is
 * happening and for how long, and is replaced by the outcome; elsewhere (CI
 * logs, pipes) only the outcome is printed. `outcome` returns the line to
 * print, or undefined when the caller reports the result itself.
 */
export async function timedStep<T>(doing: string, work: () => Promise<T>, outcome: (result: T) => string | undefined): Promise<T> {
  const started = performance.now();
  const live = useColor(process.stdout);
  const draw = () => process.stdout.write(`\r\x1b[2K${paint("phase3", "bold")} ${doing}… ${paint(seconds(started), "dim")}`);
  const ticker = live ? setInterval(draw, 100) : undefined;
  if (live) draw();
  const clear = () => {
    if (ticker) clearInterval(ticker);
    if (live) process.stdout.write("\r\x1b[2K");
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    clear();
    throw error;
  }
  clear();
  const line = outcome(result);
  if (line !== undefined) step(line, started);
  return result;
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

/** A mistake of the user's: printed as a message, never as a stack trace. */
export class UserError extends Error {}
