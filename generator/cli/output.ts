/**
 * How the CLI talks to a person: progress lines with timings, on top of
 * ../terminal.ts (colour, paths, located problems).
 */
import { paint, useColor, type Color } from "../terminal.ts";

export { paint, printProblems, shown, type Color } from "../terminal.ts";

/** Colours for partitions, by their position in the spec. */
export const PARTITION_COLORS: Color[] = ["cyan", "green", "magenta", "yellow", "blue", "red"];

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


/** A mistake of the user's: printed as a message, never as a stack trace. */
export class UserError extends Error {}
