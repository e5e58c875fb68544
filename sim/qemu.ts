/**
 * Runs an image in QEMU: starts the board's machine, streams the console
 * through the demux, stops at a timeout, and returns the system's status.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { requireTool } from "../generator/toolchain/resolve.ts";
import type { BoardProfile } from "../spec/boards/profile.ts";
import { LineSplitter, parseLine, type ConsoleLine } from "./console.ts";
import { TIMED_OUT } from "./exit.ts";
import { qemuInvocation, type RunOptions } from "./machines.ts";

export interface RunRequest extends RunOptions {
  board: BoardProfile;
  elf: string;
  /** Kill QEMU after this long (ms). */
  timeoutMs: number;
  /** Each console line as it arrives. */
  onLine?: (line: ConsoleLine) => void;
  /** Bytes to type into the console, or the caller's stdin to forward. */
  input?: string | NodeJS.ReadableStream;
  /** Stops QEMU early (the CLI aborts on Ctrl-C, so no QEMU is left waiting for gdb). */
  signal?: AbortSignal;
}

export interface RunResult {
  /** The system's exit status (see exit.ts), or TIMED_OUT. */
  status: number;
  timedOut: boolean;
  lines: ConsoleLine[];
  /** What QEMU printed on stderr (its own errors). */
  stderr: string;
  command: string[];
}

/**
 * A board without an exit device (every real board) cannot end QEMU: its
 * firmware prints the system's status and halts. The runner ends the run on
 * that line, with that status.
 */
function statusOf(line: ConsoleLine): number | undefined {
  return line.kind === "hypervisor" && line.event?.type === "system-status" ? line.event.status : undefined;
}

/** How often a console written to a file is read while QEMU runs, for a board that ends on a line. */
const CONSOLE_FILE_POLL_MS = 50;

export function runImage(request: RunRequest): Promise<RunResult> {
  const qemu = requireTool(qemuInvocation(request.board, request.elf).tool);
  const { args } = qemuInvocation(request.board, request.elf, { ...request, takesInput: request.input !== undefined });
  const endsOnLine = request.board.exitDevice === undefined;
  const lines: ConsoleLine[] = [];
  let stderr = "";
  let timedOut = false;
  let printedStatus: number | undefined;

  if (request.consoleFile) fs.rmSync(request.consoleFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(qemu.path, args, { stdio: ["pipe", "pipe", "pipe"] });
    const splitter = new LineSplitter((raw) => {
      const line = parseLine(raw);
      lines.push(line);
      request.onLine?.(line);
      if (endsOnLine && printedStatus === undefined && (printedStatus = statusOf(line)) !== undefined) child.kill("SIGKILL");
    });
    let consoleRead = 0;
    const readConsoleFile = () => {
      try {
        const text = fs.readFileSync(request.consoleFile!, "utf8");
        splitter.push(text.slice(consoleRead));
        consoleRead = text.length;
      } catch {
        // QEMU did not get as far as creating it: its stderr says why
      }
    };
    const poll = request.consoleFile && endsOnLine ? setInterval(readConsoleFile, CONSOLE_FILE_POLL_MS) : undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => splitter.push(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    if (typeof request.input === "string") {
      child.stdin.end(request.input);
    } else if (request.input) {
      request.input.pipe(child.stdin);
    }
    child.stdin.on("error", () => {}); // QEMU may exit before it reads its input
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, request.timeoutMs);
    const abort = () => child.kill("SIGKILL");
    request.signal?.addEventListener("abort", abort, { once: true });
    child.on("error", (error) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      request.signal?.removeEventListener("abort", abort);
      if (request.consoleFile && printedStatus === undefined) readConsoleFile();
      splitter.end();
      if (request.input && typeof request.input !== "string") request.input.unpipe(child.stdin);
      const status = printedStatus ?? (timedOut ? TIMED_OUT : (code ?? TIMED_OUT));
      resolve({ status, timedOut: timedOut && printedStatus === undefined, lines, stderr, command: [qemu.path, ...args] });
    });
  });
}
