/**
 * Builds a small bare-metal S-mode guest (start.S, C files and guest.ld in one
 * folder) into a raw binary, with the resolver's toolchain. Tests and
 * benchmarks use such guests to drive the hypervisor the way an operating
 * system would, through SBI and its own trap handlers.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { crossPrefix } from "../generator/toolchain/resolve.ts";

export function buildBareGuest(sourceDir: string, outFile: string): string {
  const prefix = crossPrefix();
  const sources = fs.readdirSync(sourceDir).filter((f) => /\.(c|S)$/.test(f)).sort().map((f) => path.join(sourceDir, f));
  const elf = outFile.replace(/\.bin$/, ".elf");
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(`${prefix}${tool}`, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")}\n${r.stderr}`);
  };
  run("gcc", ["-march=rv64imac_zicsr_zifencei", "-mabi=lp64", "-mcmodel=medany", "-O2", "-ffreestanding", "-nostdlib", "-static",
    "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", "-T", path.join(sourceDir, "guest.ld"), ...sources, "-o", elf]);
  run("objcopy", ["-O", "binary", elf, outFile]);
  return outFile;
}
