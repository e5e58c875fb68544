/**
 * Runs the generated Makefile with the resolver's toolchain. Output is
 * captured: a person sees progress, and on failure the compiler's errors.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { crossPrefix, requireTool } from "./resolve.ts";

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
    const child = spawn(make.path, ["-C", outDir, "--no-print-directory", `-j${jobs}`, `CROSS_COMPILE=${prefix}`, `DTC=${dtc.path}`, ...targets], {
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

/** The lines of make's output a person needs after a failure: diagnostics, not command lines. */
export function makeErrors(output: string): string {
  const lines = output.split("\n");
  const interesting = lines.filter((l) => /error|warning|note:|undefined reference|ASSERT|\|/.test(l) && !/^\S*gcc /.test(l));
  return (interesting.length ? interesting : lines.slice(-30)).join("\n").trim();
}
