/**
 * Runs the generated Makefile with the resolver's toolchain. Output is
 * captured, and make is silent (-s): what it prints is only the compiler's
 * and linker's own messages, which diagnostics.ts maps back to the user's
 * files.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { compilerDiagnostics } from "./diagnostics.ts";
import { crossPrefix, requireTool } from "../../toolchain/resolve.ts";

export interface MakeResult {
  ok: boolean;
  output: string;
}

export function runMake(outDir: string, targets: string[] = []): Promise<MakeResult> {
  const make = requireTool("make");
  const prefix = crossPrefix();
  requireTool("objcopy");
  const dtc = requireTool("dtc");
  const jobs = String(Math.max(1, os.availableParallelism()));
  return new Promise((resolve, reject) => {
    const child = spawn(make.path, ["-C", outDir, "-s", "--no-print-directory", `-j${jobs}`, `CROSS_COMPILE=${prefix}`, `DTC=${dtc.path}`, ...targets], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}

/** What a person needs after a failed build: the diagnostics, against their own files. */
export function makeErrors(output: string, outDir: string): string {
  const diagnostics = compilerDiagnostics(output, outDir);
  return diagnostics || output.trim().split("\n").slice(-30).join("\n");
}
