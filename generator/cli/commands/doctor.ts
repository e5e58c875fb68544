/**
 * `phase3 doctor`: is this machine ready to build and boot? Lists each tool
 * the resolver finds (version, xPack or system, path), the distribution
 * files set-up installs, the QEMU features the boards need, and for anything
 * missing the exact command that installs it here. Exit 1 when something
 * needed is missing; optional tools (flashing) only get a note.
 */
import path from "node:path";
import { allAdvice, hostKind, toolAdvice } from "../doctor/install-advice.ts";
import { diagnose, type Diagnosis } from "../doctor/diagnose.ts";
import { PHASE3_ROOT } from "../../root.ts";
import { XPACK_BIN, type ToolName } from "../../toolchain/resolve.ts";
import { UsageError, type Command } from "../command.ts";
import { paint, shown } from "../output.ts";

export const command: Command = {
  usage: "doctor",
  options: {},
  run: async (invocation) => {
    if (invocation.args.length) throw new UsageError(`doctor takes no arguments, not "${invocation.args[0]}"`);
    return doctor();
  },
};

const OK = () => paint("ok      ", "green");
const MISSING = () => paint("missing ", "red");
const OPTIONAL = () => paint("absent  ", "yellow");
const indent = " ".repeat(8);

function printTools(diagnosis: Diagnosis, host: ReturnType<typeof hostKind>): void {
  const width = Math.max(...diagnosis.tools.map((t) => t.name.length)) + 2;
  console.log(`Tools (xPacks in ${shown(XPACK_BIN)} first, then PATH)`);
  for (const t of diagnosis.tools) {
    const name = t.name.padEnd(width);
    if (t.tool) {
      const from = t.tool.source === "xpack" ? "xPack" : "system";
      console.log(`  ${OK()}${name}${t.version}`);
      console.log(`  ${indent}${" ".repeat(width)}${paint(`${from}: ${t.tool.path}`, "dim")}`);
    } else {
      console.log(`  ${t.optional ? OPTIONAL() : MISSING()}${name}${t.optional ? "optional, " : ""}${t.purpose}`);
      console.log(`  ${indent}${" ".repeat(width)}install: ${toolAdvice(t.name, host)}`);
    }
  }
}

function printFiles(diagnosis: Diagnosis): void {
  console.log("\nFiles from distribution packages");
  for (const f of diagnosis.files) {
    console.log(`  ${f.present ? OK() : MISSING()}${f.debianPackage}: ${f.purpose}`);
    if (!f.present) console.log(`  ${indent}${paint(`${f.file} is missing`, "dim")}`);
  }
}

function printQemu(diagnosis: Diagnosis, host: ReturnType<typeof hostKind>): void {
  if (diagnosis.qemu.length === 0) return;
  console.log("\nQEMU features the boards need");
  const width = Math.max(...diagnosis.qemu.map((c) => c.what.length)) + 2;
  for (const c of diagnosis.qemu) {
    console.log(`  ${c.ok ? OK() : MISSING()}${c.what.padEnd(width)}${paint(`for ${c.boards.join(", ")}`, "dim")}`);
    if (!c.ok && c.detail) {
      console.log(`  ${indent}${c.detail}`);
      if (!c.detail.startsWith("QEMU is missing")) {
        console.log(`  ${indent}install QEMU 7.2 or newer: ${toolAdvice(c.tool, host)}`);
      }
    }
  }
}

export async function doctor(): Promise<number> {
  const host = hostKind();
  const diagnosis = diagnose();
  printTools(diagnosis, host);
  printFiles(diagnosis);
  printQemu(diagnosis, host);
  console.log("");

  const missingTools: ToolName[] = diagnosis.tools.filter((t) => !t.tool && !t.optional).map((t) => t.name);
  const missingFiles = diagnosis.files.filter((f) => !f.present).map((f) => f.debianPackage);
  const absentOptional = diagnosis.tools.filter((t) => !t.tool && t.optional).map((t) => t.name);
  if (diagnosis.healthy) {
    const note = absentOptional.length ? ` (not installed, and only needed to flash boards: ${absentOptional.join(", ")})` : "";
    console.log(paint(`phase3 doctor: everything Phase3 needs is here${note}`, "green"));
    return 0;
  }
  const missing = [...missingTools, ...missingFiles];
  if (missing.length > 0) {
    console.log(paint(`phase3 doctor: missing ${missing.join(", ")}.`, "red"));
    const everything = allAdvice(missingTools, missingFiles, host);
    if (everything) console.log(`Install ${missing.length === 1 ? "it" : "them all"} with:\n\n    ${everything}\n`);
    const where = path.resolve(PHASE3_ROOT) === process.cwd() ? "" : ` in ${PHASE3_ROOT.replace(/\/$/, "")}`;
    console.log(`Or run \`npm run setup\`${where}: it installs the xPacks of xpack.json with xpm where it can, then the distribution's packages.`);
  } else {
    console.log(paint("phase3 doctor: the QEMU found cannot run every board (see above).", "red"));
  }
  return 1;
}
