/**
 * The flows that run other programs: openFPGALoader writing SPI flash, and
 * openocd serving gdb, which `load`s the ELF over JTAG. The command lines
 * are computed once: the dry run prints them, the real run executes exactly
 * them, every executable found through the toolchain resolver.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { OpenFpgaLoaderFlow, OpenOcdGdbFlow } from "../../../spec/boards/flash.ts";
import { findTool, requireTool, TOOLS, type ToolName } from "../../toolchain/resolve.ts";
import { shellQuote } from "../../terminal.ts";
import { FlashError } from "./errors.ts";

export interface ToolCommand {
  tool: ToolName;
  args: string[];
}

/** The command line a person could paste: the resolved executable, or its name when it is not installed. */
export function commandLine(command: ToolCommand): string {
  const executable = findTool(command.tool)?.path ?? TOOLS[command.tool].candidates[0];
  return [executable, ...command.args].map(shellQuote).join(" ");
}

export function openFpgaLoaderCommand(flow: OpenFpgaLoaderFlow, rawFile: string): ToolCommand {
  // The offset in decimal: every openFPGALoader version parses that.
  return { tool: "openfpgaloader", args: ["--board", flow.board, "--write-flash", "--offset", String(flow.offset), "--verify", rawFile] };
}

export function openOcdCommand(flow: OpenOcdGdbFlow): ToolCommand {
  // Only the gdb port: no telnet or Tcl servers to collide with a running openocd.
  const setup = [`gdb_port ${flow.gdbPort}`, "telnet_port disabled", "tcl_port disabled", ...flow.openocd];
  return { tool: "openocd", args: setup.flatMap((c) => ["-c", c]) };
}

export function gdbLoadCommand(flow: OpenOcdGdbFlow, elfFile: string): ToolCommand {
  const steps = [
    "set confirm off",
    "set remotetimeout 60",
    `target extended-remote localhost:${flow.gdbPort}`,
    "load",
    // Reads every loaded section back: a write that did not take fails here.
    "compare-sections",
    "monitor resume",
    "detach",
  ];
  return { tool: "gdb", args: ["-q", "-batch", "-nx", ...steps.flatMap((s) => ["-ex", s]), elfFile] };
}

function run(command: ToolCommand, stdio: "inherit" | "pipe"): ChildProcess {
  const tool = requireTool(command.tool);
  return spawn(tool.path, command.args, { stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"] });
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runOpenFpgaLoader(command: ToolCommand): Promise<void> {
  const status = await exited(run(command, "inherit"));
  if (status !== 0) {
    throw new FlashError(`openFPGALoader failed with status ${status}: the SPI flash may hold part of the image (it erases before it writes); check the cable and run again`);
  }
}

const LISTENING = /Listening on port (\d+) for gdb connections/;

/** Starts openocd, waits until it serves gdb, runs gdb's load, then stops openocd. */
export async function runOpenOcdGdb(openocd: ToolCommand, gdb: ToolCommand, startMs = 20_000): Promise<void> {
  requireTool("gdb");
  const server = run(openocd, "pipe");
  let output = "";
  const tail = () => output.trim().split("\n").slice(-8).join("\n");
  const serverExit = exited(server);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new FlashError(`openocd did not start serving gdb within ${startMs / 1000} s. It said:\n${tail()}`)), startMs);
      const hear = (d: Buffer) => {
        output += d.toString();
        if (LISTENING.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout!.on("data", hear);
      server.stderr!.on("data", hear);
      serverExit.then((code) => {
        clearTimeout(timer);
        reject(new FlashError(`openocd stopped (status ${code}) before it could serve gdb: is the JTAG adapter plugged in and the board powered? It said:\n${tail()}`));
      }, reject);
    });
    const status = await exited(run(gdb, "inherit"));
    if (status !== 0) throw new FlashError(`gdb stopped with status ${status} while loading: the board may hold part of the image; reset it before trying again`);
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      const killer = setTimeout(() => server.kill("SIGKILL"), 5_000);
      await serverExit.catch(() => undefined);
      clearTimeout(killer);
    }
  }
}
