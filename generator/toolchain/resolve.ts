/**
 * The toolchain resolver: the one place that decides which compiler, QEMU,
 * dtc and gdb Phase3 runs. It prefers the xPacks that `xpm install` put in
 * the checkout's xpacks/.bin, then the system's packages on PATH. Every tool
 * call in Phase3 goes through here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PHASE3_ROOT } from "../root.ts";

export type ToolName = "gcc" | "objcopy" | "qemu-riscv64" | "qemu-riscv32" | "dtc" | "gdb" | "make" | "openocd" | "openfpgaloader" | "stty" | "python3";

export interface Tool {
  name: ToolName;
  /** Absolute path of the executable. */
  path: string;
  /** Where it came from. */
  source: "xpack" | "system";
}

interface ToolSpec {
  /** Executable names to look for, in order: xPack names first. */
  candidates: string[];
  /** What a person installs on Debian/Ubuntu to get it. */
  debianPackage: string;
  /** One line on why Phase3 needs it. */
  purpose: string;
  /** The xPack of xpack.json that provides it, when there is one. */
  xpack?: string;
  /** How it prints its version, when not `--version`. */
  versionArgs?: string[];
  /** Only some flows need it (flashing a board): its absence is not an error. */
  optional?: boolean;
}

export const TOOLS: Record<ToolName, ToolSpec> = {
  gcc: { candidates: ["riscv-none-elf-gcc", "riscv64-unknown-elf-gcc"], debianPackage: "gcc-riscv64-unknown-elf", purpose: "compiles the firmware and apps", xpack: "@xpack-dev-tools/riscv-none-elf-gcc" },
  objcopy: { candidates: ["riscv-none-elf-objcopy", "riscv64-unknown-elf-objcopy"], debianPackage: "binutils-riscv64-unknown-elf", purpose: "writes raw, HEX and block-RAM images", xpack: "@xpack-dev-tools/riscv-none-elf-gcc" },
  "qemu-riscv64": { candidates: ["qemu-system-riscv64"], debianPackage: "qemu-system-misc", purpose: "boots RV64 systems", xpack: "@xpack-dev-tools/qemu-riscv" },
  "qemu-riscv32": { candidates: ["qemu-system-riscv32"], debianPackage: "qemu-system-misc", purpose: "boots RV32 systems", xpack: "@xpack-dev-tools/qemu-riscv" },
  dtc: { candidates: ["dtc"], debianPackage: "device-tree-compiler", purpose: "compiles partition device trees" },
  gdb: { candidates: ["riscv-none-elf-gdb", "gdb-multiarch"], debianPackage: "gdb-multiarch", purpose: "debugs firmware and partitions", xpack: "@xpack-dev-tools/riscv-none-elf-gcc" },
  make: { candidates: ["make"], debianPackage: "make", purpose: "runs the generated Makefile" },
  openocd: { candidates: ["openocd"], debianPackage: "openocd", purpose: "drives JTAG adapters to load images through a core's debug module (phase3 flash)", optional: true },
  openfpgaloader: { candidates: ["openFPGALoader"], debianPackage: "openfpgaloader", purpose: "writes images into FPGA boards' SPI flash (phase3 flash)", versionArgs: ["-V"], optional: true },
  stty: { candidates: ["stty"], debianPackage: "coreutils", purpose: "sets a serial port's baud rate and raw mode for the serial boot protocols (phase3 flash)", optional: true },
  python3: { candidates: ["python3"], debianPackage: "python3-minimal", purpose: "gives the serial flashing tests a pseudo-terminal (Node has none)", optional: true },
};

/** Every tool, needed ones first, in the order people read them. */
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];

/** Files from distribution packages that are not tools on PATH. */
export const DATA_PACKAGES = [
  { file: "/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs", debianPackage: "picolibc-riscv64-unknown-elf", purpose: "the C library the toolchain is paired with" },
  { file: "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin", debianPackage: "u-boot-qemu", purpose: "the unmodified S-mode guest the tests boot" },
];

/**
 * Where set-up runs `xpm install` for xpack.json, and where xpm links the
 * binaries. PHASE3_XPACK_DIR points elsewhere (an xPack folder shared between
 * checkouts, or an empty one to make the resolver use only PATH, as the
 * doctor's tests do).
 */
export const XPACK_DIR = process.env.PHASE3_XPACK_DIR ? path.resolve(process.env.PHASE3_XPACK_DIR) : path.join(PHASE3_ROOT, ".xpack");
export const XPACK_BIN = path.join(XPACK_DIR, "xpacks", ".bin");

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function searchPath(): string[] {
  return (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
}

const found = new Map<ToolName, Tool | undefined>();

/** Finds a tool, or undefined. Results are remembered for the process. */
export function findTool(name: ToolName): Tool | undefined {
  if (found.has(name)) return found.get(name);
  let tool: Tool | undefined;
  for (const candidate of TOOLS[name].candidates) {
    const xpack = path.join(XPACK_BIN, candidate);
    if (isExecutable(xpack)) {
      tool = { name, path: xpack, source: "xpack" };
      break;
    }
    const system = searchPath().map((dir) => path.join(dir, candidate)).find(isExecutable);
    if (system) {
      tool = { name, path: system, source: "system" };
      break;
    }
  }
  found.set(name, tool);
  return tool;
}

/** Forgets what was found (after set-up installed something). */
export function forgetTools(): void {
  found.clear();
}

export class MissingToolError extends Error {
  // the CLI recognises it by name and prints the message alone, as a user mistake
  override name = "MissingToolError";

  constructor(readonly tool: ToolName) {
    const spec = TOOLS[tool];
    super(
      `${spec.candidates.join(" or ")} is not installed; Phase3 needs it because it ${spec.purpose}.\n` +
        `Run \`npm run setup\`, or install it yourself: ${installCommand([spec.debianPackage])}\n` +
        `\`npx phase3 doctor\` checks every tool at once.`,
    );
  }
}

/** The tool, or a MissingToolError saying how to get it. */
export function requireTool(name: ToolName): Tool {
  const tool = findTool(name);
  if (!tool) throw new MissingToolError(name);
  return tool;
}

/** The cross-compiler prefix the generated Makefile should use: "riscv64-unknown-elf-". */
export function crossPrefix(): string {
  const gcc = requireTool("gcc");
  return gcc.path.slice(0, -"gcc".length);
}

/** The command that installs Debian packages here, with sudo when not root. */
export function installCommand(packages: string[]): string {
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  return `${sudo}apt-get install -y ${[...new Set(packages)].join(" ")}`;
}

/** A tool's version line, e.g. "QEMU emulator version 7.2.22". */
export function toolVersion(tool: Tool): string {
  const result = spawnSync(tool.path, TOOLS[tool.name].versionArgs ?? ["--version"], { encoding: "utf8", timeout: 10_000 });
  return (result.stdout || result.stderr || "").split("\n")[0].trim();
}
