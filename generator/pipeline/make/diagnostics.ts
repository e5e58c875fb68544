/**
 * The compiler's and linker's messages, as a person should read them: against
 * their own files, relative to where they are, without make's noise.
 *
 * The generated Makefile runs in the build folder, so gcc names an app as
 * `../ping.c` and the firmware as `../../firmware/...`; those paths mean
 * nothing from the person's shell. Every file name gcc or ld puts at the
 * start of a line is resolved against the build folder and shown relative to
 * the current directory, so `examples/hello/ping.c:7:5: error: ...` can be
 * clicked in an editor's terminal.
 */
import path from "node:path";

/** Lines that only repeat that something failed. */
const NOISE = [
  /^make(\[\d+\])?: \*\*\* \[.*\] Error \d+$/,
  /^make(\[\d+\])?: \*\*\* Waiting for unfinished jobs/,
  /^make(\[\d+\])?: (Entering|Leaving) directory/,
  /^collect2: error: ld returned \d+ exit status$/,
  /^compilation terminated\.$/,
];

/** A file name at the start of a diagnostic line, before its `:`. */
const LEADING_FILE = /^((?:In file included from |\s+from )?)([^\s:]+\.(?:c|h|S|s|ld|o|a|elf))(?=:)/;
/** ld calls itself by its full path: /usr/lib/gcc-cross/.../bin/ld: */
const LINKER = /^\S*\/(ld(?:\.bfd)?): /;

function relativeTo(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** Rewrites one line's leading file name from the build folder's view to the person's. */
export function rewriteLine(line: string, buildDir: string, cwd: string): string {
  let prefix = "";
  let rest = line;
  const linker = LINKER.exec(rest);
  if (linker) {
    prefix = `${linker[1]}: `;
    rest = rest.slice(linker[0].length);
  }
  rest = rest.replace(LEADING_FILE, (_all, lead: string, file: string) => lead + relativeTo(cwd, path.resolve(buildDir, file)));
  return prefix + rest;
}

/** make's output after a build, reduced to the diagnostics, with paths a person can open. */
export function compilerDiagnostics(output: string, buildDir: string, cwd = process.cwd()): string {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "" && !NOISE.some((pattern) => pattern.test(line)))
    .map((line) => rewriteLine(line, buildDir, cwd))
    .join("\n");
}

/** Whether make's output holds warnings worth showing after a build that worked. */
export function hasWarnings(output: string): boolean {
  return /\bwarning:/.test(output);
}
