/**
 * The bare-metal floor (bench/floor): a tiny standalone program, no Phase3,
 * built with the resolver's toolchain and run on the same QEMU under the same
 * -icount as every benchmark system. It measures what the hardware itself
 * charges (an ecall to a minimal handler and back, an interrupt to its
 * handler) and prints the same "bench ..." lines, which the harness reads
 * like any other benchmark's.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { crossPrefix } from "../../generator/toolchain/resolve.ts";
import { boards } from "../../spec/index.ts";
import { runImage } from "../qemu.ts";
import { BenchError } from "./errors.ts";
import { parseReport, type Reported } from "./figures.ts";

/** The board the floor runs on: QEMU virt, one hart, RV64 with H and Sstc. */
export const FLOOR_BOARD = boards.qemuVirt({ harts: 1, ram: "64M" });

/** Compiles bench/floor into <outRoot>/floor/floor.elf. */
export function buildFloor(floorDir: string, outRoot: string): string {
  const prefix = crossPrefix();
  const sources = fs.readdirSync(floorDir).filter((f) => /\.(c|S)$/.test(f)).sort().map((f) => path.join(floorDir, f));
  const elf = path.join(outRoot, "floor", "floor.elf");
  fs.mkdirSync(path.dirname(elf), { recursive: true });
  const args = ["-march=rv64imac_zicsr_zifencei", "-mabi=lp64", "-mcmodel=medany", "-O2", "-Wall", "-Wextra", "-Werror",
    "-ffreestanding", "-nostdlib", "-static", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments",
    "-T", path.join(floorDir, "floor.ld"), ...sources, "-o", elf];
  const r = spawnSync(`${prefix}gcc`, args, { encoding: "utf8" });
  if (r.status !== 0) throw new BenchError(`bench/floor: the build failed:\n${(r.stderr || r.stdout || r.error?.message || "").trim()}`);
  return elf;
}

export async function runFloor(elf: string, timeoutMs = 60_000): Promise<Reported[]> {
  const result = await runImage({ board: FLOOR_BOARD, elf, timeoutMs, icount: true, consoleFile: path.join(path.dirname(elf), "console.txt") });
  const text = result.lines.map((l) => l.text);
  const failed = text.filter((l) => l.startsWith("FAIL"));
  if (result.timedOut || result.status !== 0 || failed.length) {
    const why = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `ended with status ${result.status}`;
    throw new BenchError(`bench/floor ${why}:\n${[...text.slice(-20), result.stderr.trim()].filter(Boolean).join("\n")}`);
  }
  const figures = text.map((l) => parseReport(l)).filter((f): f is Reported => f !== undefined);
  if (figures.length === 0) throw new BenchError("bench/floor printed no figures");
  return figures;
}
