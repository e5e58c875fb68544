/**
 * Footprint of a firmware image, from its linker map: text, data (read-only
 * and writable) and bss, split into the hand-written core (firmware/, built
 * into out/hv/), the generated tables (out/gen/), the G-stage page tables and
 * libgcc. Partition images are the apps', not the firmware's, and are left
 * out. Alignment padding (*fill*) is counted with the input section before
 * it, so the parts add up to the output sections exactly.
 *
 * The trusted computing base is counted from the same build: every
 * hand-written file of firmware/ that went into an object the map says was
 * linked, sources and the headers they include (from the compiler's .d files).
 */
import fs from "node:fs";
import path from "node:path";

export interface Sizes {
  text: number;
  data: number;
  bss: number;
}

export interface Footprint {
  core: Sizes;
  generated: Sizes;
  pageTables: number;
  libgcc: Sizes;
  /** Anything else linked into the firmware (nothing, today). */
  other: Sizes;
  /** The output sections' own sizes: the parts above add up to these. */
  sections: Sizes & { pageTables: number };
  /** Object files of the hand-written core that were linked, relative to the build folder. */
  coreObjects: string[];
}

type Part = "core" | "generated" | "libgcc" | "other";

function kindOf(outputSection: string): keyof Sizes | "tables" | undefined {
  if (outputSection === ".text") return "text";
  if (outputSection === ".rodata" || outputSection === ".data" || outputSection === ".sdata" || outputSection === ".srodata") return "data";
  if (outputSection === ".bss" || outputSection === ".sbss") return "bss";
  if (outputSection === ".gstage") return "tables";
  return undefined; // partition images, debug info
}

function partOf(file: string): Part {
  if (file.startsWith("out/hv/") || file.includes("/out/hv/")) return "core";
  if (file.startsWith("out/gen/") || file.includes("/out/gen/")) return "generated";
  if (file.includes("libgcc")) return "libgcc";
  return "other";
}

const zero = (): Sizes => ({ text: 0, data: 0, bss: 0 });

export function footprintFromMap(mapText: string): Footprint {
  const result: Footprint = {
    core: zero(),
    generated: zero(),
    libgcc: zero(),
    other: zero(),
    pageTables: 0,
    sections: { ...zero(), pageTables: 0 },
    coreObjects: [],
  };
  const objects = new Set<string>();
  const lines = mapText.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Linker script and memory map"));
  let output: string | undefined;
  let outputPending = false; // an output section's name alone: its address and size follow
  let inputPending = false; // an input section's name alone: its address, size and file follow
  let lastPart: Part | undefined; // who the padding after an input section belongs to

  const add = (part: Part, size: number) => {
    const kind = output ? kindOf(output) : undefined;
    if (!kind) return;
    if (kind === "tables") result.pageTables += size;
    else result[part][kind] += size;
  };

  for (const line of lines.slice(start + 1)) {
    // An output section: ".text  0xaddr  0xsize", or its name alone and the rest on the next line;
    // one that runs from RAM but is loaded in flash (XIP boards) adds " load address 0x...".
    const top = /^(\.[\w.$]+)(?:\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)(?:\s+load address 0x[0-9a-f]+)?)?\s*$/.exec(line);
    if (top) {
      output = top[1];
      lastPart = undefined;
      inputPending = false;
      outputPending = top[3] === undefined;
      if (!outputPending) addSection(result, output, parseInt(top[3], 16));
      continue;
    }
    if (outputPending) {
      const rest = /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)(?:\s+load address 0x[0-9a-f]+)?\s*$/.exec(line);
      outputPending = false;
      if (rest && output) {
        addSection(result, output, parseInt(rest[2], 16));
        continue;
      }
    }
    const fill = /^ \*fill\*\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)/.exec(line);
    if (fill) {
      if (lastPart) add(lastPart, parseInt(fill[2], 16));
      continue;
    }
    // An input section: " .name 0xaddr 0xsize file", or the name alone and the rest on the next line.
    const full = /^ (\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    const rest = /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    let size: number | undefined;
    let file: string | undefined;
    if (full) {
      size = parseInt(full[3], 16);
      file = full[4].trim();
    } else if (rest && inputPending) {
      size = parseInt(rest[2], 16);
      file = rest[3].trim();
    }
    inputPending = /^ (\.\S+|COMMON)\s*$/.test(line);
    if (size === undefined || file === undefined || !output || !kindOf(output)) continue;
    const part = partOf(file);
    lastPart = part;
    add(part, size);
    if (part === "core") objects.add(file);
  }
  result.coreObjects = [...objects].sort();
  return result;
}

function addSection(result: Footprint, output: string, size: number): void {
  const kind = kindOf(output);
  if (kind === "tables") result.sections.pageTables += size;
  else if (kind) result.sections[kind] += size;
}

export function footprintOf(buildDir: string, system: string): Footprint {
  return footprintFromMap(fs.readFileSync(path.join(buildDir, "out", `${system}.map`), "utf8"));
}

/** The files a make dependency file (.d) names as its target's prerequisites. */
export function dependencies(dText: string): string[] {
  const first = dText.replace(/\\\n/g, " ").split("\n")[0] ?? "";
  const colon = first.indexOf(": ");
  return colon < 0 ? [] : first.slice(colon + 2).split(/\s+/).filter(Boolean);
}

/**
 * The hand-written firmware files a build linked: for each core object, its
 * source and every header it included that lives under firmwareDir.
 */
export function trustedFiles(buildDir: string, coreObjects: string[], firmwareDir: string): string[] {
  const files = new Set<string>();
  const inFirmware = (file: string) => file.startsWith(firmwareDir + path.sep);
  for (const object of coreObjects) {
    const dFile = path.join(buildDir, object.replace(/\.o$/, ".d"));
    if (fs.existsSync(dFile)) {
      for (const dep of dependencies(fs.readFileSync(dFile, "utf8"))) {
        const full = path.resolve(buildDir, dep);
        if (inFirmware(full)) files.add(full);
      }
    } else {
      // out/hv/<path under firmware>.o
      const source = path.join(firmwareDir, object.replace(/^(?:.*\/)?out\/hv\//, "").replace(/\.o$/, ""));
      if (fs.existsSync(source)) files.add(source);
    }
  }
  return [...files].sort();
}

/** Lines of hand-written C and assembly, total and without blanks and comments. */
export function countLines(files: string[]): { total: number; code: number } {
  let total = 0;
  let code = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    total += text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    const stripped = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, "")).replace(/\/\/.*$/gm, "");
    code += stripped.split("\n").filter((l) => l.trim() !== "").length;
  }
  return { total, code };
}
