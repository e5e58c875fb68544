/** Just enough ELF reading for the report: the loadable segments of an image (32- or 64-bit, little-endian). */
import fs from "node:fs";

export interface Segment {
  vaddr: number;
  paddr: number;
  fileSize: number;
  memSize: number;
  /** "rwx" with dashes for missing rights. */
  flags: string;
}

const PT_LOAD = 1;

/** The PT_LOAD segments of an ELF file, or undefined when it is missing or not an ELF this reads. */
export function loadSegments(file: string): Segment[] | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length < 52 || data.readUInt32BE(0) !== 0x7f454c46 || data[5] !== 1) return undefined;
  const is64 = data[4] === 2;
  const word = (at: number) => (is64 ? Number(data.readBigUInt64LE(at)) : data.readUInt32LE(at));
  const phoff = word(is64 ? 0x20 : 0x1c);
  const phentsize = data.readUInt16LE(is64 ? 0x36 : 0x2a);
  const phnum = data.readUInt16LE(is64 ? 0x38 : 0x2c);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + phentsize > data.length || data.readUInt32LE(at) !== PT_LOAD) continue;
    const f = is64 ? data.readUInt32LE(at + 4) : data.readUInt32LE(at + 24);
    const flags = `${f & 4 ? "r" : "-"}${f & 2 ? "w" : "-"}${f & 1 ? "x" : "-"}`;
    segments.push(
      is64
        ? { vaddr: word(at + 16), paddr: word(at + 24), fileSize: word(at + 32), memSize: word(at + 40), flags }
        : { vaddr: word(at + 8), paddr: word(at + 12), fileSize: word(at + 16), memSize: word(at + 20), flags },
    );
  }
  return segments;
}
