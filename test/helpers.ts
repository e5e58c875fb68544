/** Shared helpers for the tests: paths, running the CLI, building systems. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const FIXTURES = path.join(ROOT, "test", "fixtures");
/** Build folders of the tests, one per test, never shared. */
export const TEST_OUT = path.join(ROOT, "test", ".out");

export function outDir(name: string): string {
  const dir = path.join(TEST_OUT, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `phase3 <args>` as a user would, in a child process. */
export function phase3(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "generator", "cli", "phase3.mjs"), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const tempDirs: string[] = [];

/** A fresh folder outside the checkout; removeTempDirs() (in afterAll) deletes them. */
export function tempDir(prefix = "phase3-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
