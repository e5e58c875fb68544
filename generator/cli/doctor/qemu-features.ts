/**
 * Whether the QEMU found by the resolver can run the boards in the catalogue:
 * each board's machine exists, its machine properties (such as `aia=`) are
 * known, and its CPU really has the extensions the board's ISA lists (H,
 * Sstc). What is needed is read from the board profiles, so a new board is
 * checked without touching this file.
 *
 * The CPU check asks QEMU itself: `-machine virt,dumpdtb=FILE -cpu rv64`
 * writes the device tree the guest would see and exits at once, and its
 * `riscv,isa` string is the ground truth for what the CPU model implements.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BoardProfile, Extension } from "../../../spec/index.ts";
import type { Tool, ToolName } from "../../toolchain/resolve.ts";

/** One thing QEMU must do, for the boards that need it. */
export interface QemuCheck {
  /** What was checked, for people: "qemu-system-riscv64 -machine virt". */
  what: string;
  boards: string[];
  ok: boolean;
  /** Why it failed, or a note (a check that could not be made). */
  detail?: string;
  /** The QEMU binary it concerns. */
  tool: ToolName;
}

/** Extensions every QEMU RISC-V CPU model has: nothing to probe. */
const BASELINE = new Set<Extension>(["m", "a", "c", "f", "d", "zicsr", "zifencei"]);
/** Not in QEMU 7.2's riscv,isa: AIA (the machine's `aia=` property stands for it), and the privilege modes S and U. */
const NOT_ADVERTISED = new Set<Extension>(["smaia", "ssaia", "s", "u"]);

const PROBE_TIMEOUT_MS = 10_000;

function qemuTool(board: BoardProfile): ToolName {
  return board.emulator?.system === "riscv32" ? "qemu-riscv32" : "qemu-riscv64";
}

function run(tool: Tool, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(tool.path, args, { encoding: "utf8", timeout: PROBE_TIMEOUT_MS, killSignal: "SIGKILL" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  return { ok: result.status === 0 && !result.error, output: result.error?.message ?? output };
}

/** The names in `-machine help`, once per QEMU binary. */
function machineNames(tool: Tool): Set<string> {
  const { output } = run(tool, ["-machine", "help"]);
  return new Set(output.split("\n").map((line) => line.split(/\s+/)[0]).filter(Boolean));
}

/** The property names in `-machine <m>,help`. */
function machineProperties(tool: Tool, machine: string): Set<string> {
  const { output } = run(tool, ["-machine", `${machine},help`]);
  return new Set([...output.matchAll(/^\s+([\w-]+)=/gm)].map((m) => m[1]));
}

/** The extensions in an ISA string: "rv64imafdch_zicsr_sstc" → m, a, f, d, c, h, zicsr, sstc. */
export function isaExtensions(isa: string): Set<string> {
  const [base, ...multi] = isa.toLowerCase().split("_");
  const found = new Set<string>(multi);
  for (const letter of base.replace(/^rv(32|64)/, "")) {
    if (letter === "g") ["i", "m", "a", "f", "d", "zicsr", "zifencei"].forEach((e) => found.add(e));
    else found.add(letter);
  }
  return found;
}

/** The riscv,isa string of the device tree QEMU builds for this machine and CPU. */
function probeIsa(tool: Tool, board: BoardProfile): { isa?: string; error?: string } {
  const emulator = board.emulator!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phase3-doctor-"));
  const dtb = path.join(dir, "probe.dtb");
  try {
    const machine = [emulator.machine, ...(emulator.machineProps ?? []), `dumpdtb=${dtb}`].join(",");
    const probe = run(tool, ["-machine", machine, ...(emulator.cpu ? ["-cpu", emulator.cpu] : []), "-display", "none", "-nodefaults"]);
    if (!fs.existsSync(dtb)) return { error: probe.output.trim().split("\n")[0] || "QEMU wrote no device tree" };
    const text = fs.readFileSync(dtb).toString("latin1");
    const isa = /rv(32|64)[a-z][a-z0-9_]*/.exec(text)?.[0];
    return isa ? { isa } : { error: "the device tree has no riscv,isa string" };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every QEMU check the boards need, given the QEMU binaries the resolver found. */
export function checkQemu(profiles: BoardProfile[], find: (name: ToolName) => Tool | undefined): QemuCheck[] {
  const checks = new Map<string, QemuCheck>();
  const add = (key: string, make: () => Omit<QemuCheck, "boards">, board: string) => {
    const existing = checks.get(key);
    if (existing) existing.boards.push(board);
    else checks.set(key, { ...make(), boards: [board] });
  };
  const machinesOf = new Map<Tool, Set<string>>();
  const propertiesOf = new Map<string, Set<string>>();

  for (const board of profiles) {
    const emulator = board.emulator;
    if (!emulator) continue;
    const toolName = qemuTool(board);
    const tool = find(toolName);
    const binary = `qemu-system-${emulator.system}`;
    if (!tool) {
      add(`missing ${binary}`, () => ({ what: binary, ok: false, detail: "QEMU is missing, so nothing could be checked", tool: toolName }), board.name);
      continue;
    }
    if (!machinesOf.has(tool)) machinesOf.set(tool, machineNames(tool));
    const hasMachine = machinesOf.get(tool)!.has(emulator.machine);
    add(`${binary} machine ${emulator.machine}`, () => ({
      what: `${binary} -machine ${emulator.machine}`,
      ok: hasMachine,
      detail: hasMachine ? undefined : `this QEMU has no "${emulator.machine}" machine (see \`${binary} -machine help\`)`,
      tool: toolName,
    }), board.name);
    if (!hasMachine) continue;

    for (const prop of emulator.machineProps ?? []) {
      const key = prop.split("=")[0];
      const propsKey = `${binary} ${emulator.machine}`;
      if (!propertiesOf.has(propsKey)) propertiesOf.set(propsKey, machineProperties(tool, emulator.machine));
      const known = propertiesOf.get(propsKey)!.has(key);
      add(`${propsKey} ${key}`, () => ({
        what: `${binary} -machine ${emulator.machine},${key}=`,
        ok: known,
        detail: known ? undefined : `this QEMU's ${emulator.machine} machine has no "${key}" property`,
        tool: toolName,
      }), board.name);
    }

    const wanted = board.isa.extensions.filter((e) => !BASELINE.has(e) && !NOT_ADVERTISED.has(e));
    if (wanted.length === 0) continue;
    const cpu = emulator.cpu ?? "(default)";
    add(`${binary} ${emulator.machine} cpu ${cpu} ${wanted.join(",")}`, () => {
      const what = `${binary} -cpu ${cpu} has ${wanted.join(", ")}`;
      const probe = probeIsa(tool, board);
      if (!probe.isa) return { what, ok: false, detail: `could not start the CPU: ${probe.error}`, tool: toolName };
      const has = isaExtensions(probe.isa);
      const missing = wanted.filter((e) => !has.has(e));
      return { what, ok: missing.length === 0, detail: missing.length ? `its CPU lacks ${missing.join(", ")} (riscv,isa is ${probe.isa})` : undefined, tool: toolName };
    }, board.name);
  }
  return [...checks.values()];
}
