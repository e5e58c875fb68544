/**
 * Footprint of a firmware image, from its linker map: text, data and bss,
 * split into the hand-written core (firmware/), the generated tables, the
 * G-stage page tables and libgcc. Partition images are the apps', not the
 * firmware's, and are left out.
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
}

type Part = "core" | "generated" | "libgcc";

function kindOf(outputSection: string): keyof Sizes | "tables" | undefined {
  if (outputSection === ".text") return "text";
  if (outputSection === ".rodata" || outputSection === ".data") return "data";
  if (outputSection === ".bss") return "bss";
  if (outputSection === ".gstage") return "tables";
  return undefined; // partition images, debug info
}

function partOf(file: string): Part | undefined {
  if (file.includes("out/hv/")) return "core";
  if (file.includes("out/gen/")) return "generated";
  if (file.includes("libgcc")) return "libgcc";
  return undefined;
}

export function footprintFromMap(mapText: string): Footprint {
  const zero = (): Sizes => ({ text: 0, data: 0, bss: 0 });
  const result: Footprint = { core: zero(), generated: zero(), libgcc: zero(), pageTables: 0 };
  const lines = mapText.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Linker script and memory map"));
  let output: string | undefined;
  let pendingName = false;
  for (const line of lines.slice(start + 1)) {
    const top = /^(\.[\w.$]+)\s/.exec(line) ?? /^(\.[\w.$]+)$/.exec(line);
    if (top) {
      output = top[1];
      continue;
    }
    // An input section: " .name 0xaddr 0xsize file", or the name alone and the rest on the next line.
    const full = /^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    const rest = /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    const lone = /^ (\.\S+)$/.exec(line);
    let size: number | undefined;
    let file: string | undefined;
    if (full && full[1].startsWith(".") && !full[1].startsWith("*")) {
      size = parseInt(full[3], 16);
      file = full[4];
    } else if (rest && pendingName) {
      size = parseInt(rest[2], 16);
      file = rest[3];
    }
    pendingName = lone !== null;
    if (size === undefined || file === undefined || !output) continue;
    const kind = kindOf(output);
    const part = partOf(file);
    if (!kind || !part) continue;
    if (kind === "tables") result.pageTables += size;
    else result[part][kind] += size;
  }
  return result;
}

export function footprintOf(buildDir: string, system: string): Footprint {
  return footprintFromMap(fs.readFileSync(path.join(buildDir, "out", `${system}.map`), "utf8"));
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
