#!/usr/bin/env node
/**
 * `npm run setup`: makes a checkout ready to build and boot, and does nothing
 * (in about a second) when it already is.
 *
 *   1. npm packages, when node_modules is missing or package-lock.json changed;
 *   2. the RISC-V toolchain, QEMU, dtc and gdb (generator/toolchain/install.ts):
 *      xPacks from xpack.json through xpm when that works, else the
 *      distribution's packages through apt (as root or with sudo), else the
 *      exact command a person must run.
 *
 * Plain JavaScript with no dependencies, because step 1 installs them.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const lockFile = path.join(root, "package-lock.json");
const stamp = path.join(root, "node_modules", ".phase3-setup");

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error) {
    console.error(`setup: cannot run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

const lockHash = createHash("sha256").update(fs.readFileSync(lockFile)).digest("hex");
const installed = fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === lockHash;
if (!installed) {
  console.log("setup: installing npm packages");
  if (run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) {
    console.error("setup: npm install failed (see above)");
    process.exit(1);
  }
  fs.writeFileSync(stamp, lockHash);
}

process.exit(run(process.execPath, ["--import", "tsx", path.join(root, "generator", "toolchain", "install.ts")]));
