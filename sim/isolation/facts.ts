/**
 * What the isolation checker needs from a built firmware, read from its ELF
 * the way the hart and the hypervisor will see it:
 *
 *   - memory: the bytes of each PT_LOAD segment at its load address (the
 *     G-stage tables among them, in `.gstage`);
 *   - sections: where the linker put the hypervisor (text, data, bss, the
 *     tables, the pristine images) and each partition's image and device tree;
 *   - each partition's hgatp, from the hypervisor's own configuration table,
 *     the `p3_partition_configs` symbol.
 *
 * The hgatp is found without knowing the C struct's layout (which the
 * hypervisor may change): the symbol's size divided by the number of
 * partitions is one record; in each record, the partition is named by the
 * word that points to its name string, and its hgatp is the one word that
 * is an Sv39x4 hgatp whose root lies in `.gstage`. Anything else (no such
 * word, or two) is reported, never guessed.
 */
import { readElf, readSections, readSymbols, type ElfSection } from "../../generator/images/elf.ts";
import type { ReadWord } from "./sv39x4.ts";
import { SV39X4_MODE } from "./sv39x4.ts";

export interface FirmwareFacts {
  read: ReadWord;
  sections: Pick<ElfSection, "name" | "address" | "size">[];
  /** hgatp by partition name. */
  hgatp: Map<string, bigint>;
  /** Problems finding the above. */
  problems: string[];
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/** A word reader over loaded segments. */
export function segmentReader(segments: readonly { address: number; bytes: Uint8Array }[]): ReadWord {
  const views = segments.map((s) => ({ start: s.address, end: s.address + s.bytes.length, view: new DataView(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength) }));
  let last = views[0];
  return (address) => {
    // tables are read in order: the segment of the last word is almost always this one's
    const s = last && address >= last.start && address + 8 <= last.end ? last : views.find((x) => address >= x.start && address + 8 <= x.end);
    if (!s) return undefined;
    last = s;
    return s.view.getBigUint64(address - s.start, true);
  };
}

function cString(segments: readonly { address: number; bytes: Uint8Array }[], address: number): string | undefined {
  const s = segments.find((x) => address >= x.address && address < x.address + x.bytes.length);
  if (!s) return undefined;
  const start = address - s.address;
  const end = s.bytes.indexOf(0, start);
  return end < 0 ? undefined : new TextDecoder().decode(s.bytes.subarray(start, end));
}

/** Facts from a built firmware ELF, for the partitions named (in any order). */
export function factsFromElf(bytes: Uint8Array, partitions: readonly string[], file = "firmware.elf"): FirmwareFacts {
  const problems: string[] = [];
  const image = readElf(bytes, file);
  const read = segmentReader(image.segments);
  const sections = readSections(bytes, file).map(({ name, address, size }) => ({ name, address, size }));
  const hgatp = new Map<string, bigint>();
  const gstage = sections.find((s) => s.name === ".gstage");
  const configs = readSymbols(bytes, file).get("p3_partition_configs");
  if (!gstage) problems.push(`${file} has no .gstage section`);
  if (!configs) problems.push(`${file} has no p3_partition_configs symbol (stripped?)`);
  if (!gstage || !configs) return { read, sections, hgatp, problems };
  if (partitions.length === 0 || configs.size % partitions.length !== 0 || configs.size / partitions.length % 8 !== 0) {
    problems.push(`p3_partition_configs is ${configs.size} bytes: not ${partitions.length} records of whole words`);
    return { read, sections, hgatp, problems };
  }
  const stride = configs.size / partitions.length;
  const isHgatp = (w: bigint) => {
    const root = Number((w & ((1n << 44n) - 1n)) << 12n);
    return w >> 60n === SV39X4_MODE && root >= gstage.address && root < gstage.address + gstage.size;
  };
  for (let k = 0; k < partitions.length; k++) {
    const words: bigint[] = [];
    for (let at = configs.address + k * stride; at < configs.address + (k + 1) * stride; at += 8) {
      const w = read(at);
      if (w === undefined) {
        problems.push(`record ${k} of p3_partition_configs is not in the image`);
        break;
      }
      words.push(w);
    }
    const names = words.map((w) => (w < 2n ** 53n ? cString(image.segments, Number(w)) : undefined)).filter((n): n is string => n !== undefined && partitions.includes(n));
    const roots = words.filter(isHgatp);
    if (names.length !== 1) {
      problems.push(`record ${k} of p3_partition_configs names ${names.length === 0 ? "no partition" : `several: ${names.join(", ")}`}`);
      continue;
    }
    if (roots.length !== 1) {
      problems.push(`record ${k} (${names[0]}) of p3_partition_configs holds ${roots.length} Sv39x4 hgatp values with a root in .gstage, not one: ${roots.map(hex).join(", ")}`);
      continue;
    }
    if (hgatp.has(names[0])) problems.push(`two records of p3_partition_configs name ${names[0]}`);
    hgatp.set(names[0], roots[0]);
  }
  for (const p of partitions) if (!hgatp.has(p) && !problems.some((x) => x.includes(`(${p})`))) problems.push(`no record of p3_partition_configs names partition ${p}`);
  return { read, sections, hgatp, problems };
}
