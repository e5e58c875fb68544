/**
 * Set-up's second half: finds every tool Phase3 needs through the resolver and
 * installs what is missing, xPacks first, then apt. Run by setup.mjs.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PHASE3_ROOT } from "../root.ts";
import { DATA_PACKAGES, findTool, forgetTools, installCommand, TOOL_NAMES, TOOLS, XPACK_DIR, type ToolName } from "./resolve.ts";

/** Set-up installs every tool, the optional flash tools too: the doctor only warns about those. */
const NEEDED: ToolName[] = TOOL_NAMES;
/** What xPacks provide; the rest can only come from the distribution. */
const FROM_XPACK: ToolName[] = ["gcc", "objcopy", "qemu-riscv64", "qemu-riscv32"];

function missingPackages(): string[] {
  forgetTools();
  const tools = NEEDED.filter((t) => !findTool(t)).map((t) => TOOLS[t].debianPackage);
  const data = DATA_PACKAGES.filter((d) => !fs.existsSync(d.file)).map((d) => d.debianPackage);
  return [...new Set([...tools, ...data])];
}

function tryXpm(): void {
  console.log("setup: trying the xPacks of xpack.json with xpm");
  fs.mkdirSync(XPACK_DIR, { recursive: true });
  fs.copyFileSync(path.join(PHASE3_ROOT, "xpack.json"), path.join(XPACK_DIR, "package.json"));
  const xpm = path.join(PHASE3_ROOT, "node_modules", ".bin", "xpm");
  const result = spawnSync(xpm, ["install", "-C", XPACK_DIR], { encoding: "utf8", timeout: 15 * 60_000 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n");
  if (result.status !== 0 || /error|failed/i.test(output.join("\n"))) {
    console.log(`setup: xpm could not install the xPacks (${output[output.length - 1] || result.error?.message || "no output"}); using the distribution's packages`);
  }
}

function canSudo(): boolean {
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
}

function tryApt(packages: string[]): boolean {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !canSudo()) return false;
  const prefix = asRoot ? [] : ["sudo", "-n"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log(`setup: apt-get install ${packages.join(" ")}`);
  const apt = (args: string[]) => spawnSync(prefix[0] ?? "apt-get", [...prefix.slice(1), ...(prefix.length ? ["apt-get"] : []), ...args], { stdio: "inherit", env });
  if (apt(["update", "-qq"]).status !== 0) return false;
  return apt(["install", "-y", "-qq", "--no-install-recommends", ...packages]).status === 0;
}

function main(): number {
  let missing = missingPackages();
  if (missing.length === 0) {
    const gcc = findTool("gcc")!;
    const qemu = findTool("qemu-riscv64")!;
    console.log(`setup: ready (compiler ${path.basename(gcc.path)} from ${gcc.source}, QEMU from ${qemu.source})`);
    return 0;
  }
  if (FROM_XPACK.some((t) => !findTool(t))) {
    tryXpm();
    missing = missingPackages();
  }
  if (missing.length && !tryApt(missing)) {
    console.error(`setup: these packages are missing and I cannot install them without root:\n\n    ${installCommand(missing).replace(/^(?!sudo)/, "sudo ")}\n\nRun that, then \`npm run setup\` again.`);
    return 1;
  }
  missing = missingPackages();
  if (missing.length) {
    console.error(`setup: still missing after installing: ${missing.join(", ")}`);
    return 1;
  }
  console.log("setup: ready");
  return 0;
}

process.exit(main());
