/**
 * What the isolation checker needs from a built firmware, read from its ELF
 * the way the hart and the hypervisor will see it:
 *
 *   - memory: the bytes of each PT_LOAD segment at its load address (the
 *     G-stage tables among them, in `.gstage`);
 *   - sections: where the linker put the hypervisor (text, data, bss, the
 *     tables, the pristine images) and each partition's image and device tree;
 *   - each partition's hgatp, from the hypervisor's own configuration table,
 *     the `p3_partition_configs` symbol (hypervisor mode), or its PMP
 *     entries from the same table (microkernel mode, pmpFactsFromElf below).
 *
 * The hgatp is found without knowing the C struct's layout (which the
 * hypervisor may change): the symbol's size divided by the number of
 * partitions is one record; in each record, the partition is named by the
 * word that points to its name string, and its hgatp is the one word that
 * is an Sv39x4 hgatp whose root lies in `.gstage`. Anything else (no such
 * word, or two) is reported, never guessed.
 */
import { readElf, readSections, readSymbols, type ElfSection } from "../../generator/images/elf.ts";
import type { System } from "../../spec/system.ts";
import { hex, parseSize } from "../../spec/units.ts";
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

/**
 * A partition's PMP configuration as the microkernel loads it whenever one of
 * its vCPUs runs (firmware/arch/riscv/mk/pmp.c): pmpaddr0..used-1 and every
 * pmpcfg word up to there. Entries at `used` and above keep the address the
 * previous partition left, so they must be OFF.
 */
export interface PartitionPmp {
  /** pmpcfg bytes, entry i at index i (the packed words unpacked, XLEN/8 entries per word). */
  cfg: number[];
  /** pmpaddr values, entry i at index i. */
  addr: bigint[];
  /** pmp_used. */
  used: number;
  /** ram_host and ram_size of its record: where the kernel clears and reloads its RAM on a restart. */
  ramHost: number;
  ramSize: number;
}

/** What the PMP prover (pmp.ts) needs from a microkernel build. */
export interface PmpFacts {
  xlen: 32 | 64;
  sections: Pick<ElfSection, "name" | "address" | "size">[];
  /** By partition name. */
  pmp: Map<string, PartitionPmp>;
  /** Problems finding the above. */
  problems: string[];
}

/** Reads `width` bytes (little-endian) at an address of the loaded segments. */
function segmentBytes(segments: readonly { address: number; bytes: Uint8Array }[]) {
  return (address: number, width: number): bigint | undefined => {
    const s = segments.find((x) => address >= x.address && address + width <= x.address + x.bytes.length);
    if (!s) return undefined;
    let value = 0n;
    for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(s.bytes[address - s.address + i]);
    return value;
  };
}

/**
 * The PMP configuration of every partition of a microkernel build, from
 * `p3_partition_configs`. Pointers, `unsigned long` and `size_t` are XLEN
 * bits (ilp32 on RV32, lp64 on RV64, from the ELF class); `unsigned` is 32.
 *
 * What it assumes of struct partition_config (firmware/core/partition.h)
 * and struct arch_partition_config (firmware/arch/riscv/include/arch/vcpu.h,
 * the microkernel branch), and nothing more:
 *
 *   - a record is the symbol's size divided by the number of partitions, and
 *     names its partition by one word pointing to the name string (any
 *     offset, as for hgatp);
 *   - it ends with `uintptr_t ram_host; size_t ram_size;` then `arch`, which is
 *     `unsigned long pmpcfg[ceil(N / (XLEN/8))]; unsigned long pmpaddr[N];
 *     unsigned pmp_used;`, N the board's PMP entries (P3_PMP_ENTRIES), then
 *     the record's tail padding (0 bytes on RV64; 0 or 4 on RV32, where the
 *     record is 8-aligned for its uint64_t fields).
 *
 * Where the padding leaves two candidate offsets, the one whose ram_size is
 * every partition's spec'd memory and whose pmp_used is at most N is taken;
 * none or two such offsets are reported, never guessed.
 */
export function pmpFactsFromElf(bytes: Uint8Array, system: System, file = "firmware.elf"): PmpFacts {
  const problems: string[] = [];
  const image = readElf(bytes, file);
  const xlen = image.xlen;
  const sections = readSections(bytes, file).map(({ name, address, size }) => ({ name, address, size }));
  const pmp = new Map<string, PartitionPmp>();
  const facts = { xlen, sections, pmp, problems };
  const names = Object.keys(system.partitions);
  const configs = readSymbols(bytes, file).get("p3_partition_configs");
  const N = system.board.pmp?.entries ?? 0;
  const L = xlen / 8;
  if (!configs) problems.push(`${file} has no p3_partition_configs symbol (stripped?)`);
  if (N === 0) problems.push(`${system.board.name} has no PMP entries: nothing confines a partition in microkernel mode`);
  if (!configs || N === 0) return facts;
  if (names.length === 0 || configs.size % names.length !== 0 || (configs.size / names.length) % L !== 0) {
    problems.push(`p3_partition_configs is ${configs.size} bytes: not ${names.length} records of whole ${xlen}-bit words`);
    return facts;
  }
  const stride = configs.size / names.length;
  const read = segmentBytes(image.segments);
  const cfgWords = Math.ceil(N / L);
  const archBytes = Math.ceil((L * (cfgWords + N) + 4) / L) * L;
  const tail = 2 * L + archBytes;

  // Each record's partition, by the word that points to its name.
  const records: { name: string; at: number }[] = [];
  for (let k = 0; k < names.length; k++) {
    const at = configs.address + k * stride;
    const found = new Set<string>();
    for (let off = 0; off < stride; off += L) {
      const w = read(at + off, L);
      if (w === undefined) {
        problems.push(`record ${k} of p3_partition_configs is not in the image`);
        break;
      }
      const name = w > 0n && w < 2n ** 53n ? cString(image.segments, Number(w)) : undefined;
      if (name !== undefined && names.includes(name)) found.add(name);
    }
    if (found.size !== 1) problems.push(`record ${k} of p3_partition_configs names ${found.size === 0 ? "no partition" : `several: ${[...found].join(", ")}`}`);
    else if (records.some((r) => r.name === [...found][0])) problems.push(`two records of p3_partition_configs name ${[...found][0]}`);
    else records.push({ name: [...found][0], at });
  }

  const memoryOf = (name: string) => {
    const parsed = parseSize(system.partitions[name].memory);
    return parsed.ok ? parsed.value : undefined;
  };
  const usedAt = (at: number, t: number) => Number(read(at + t + 2 * L + L * (cfgWords + N), 4) ?? -1n);
  const candidates = (L === 4 ? [0, 4] : [0]).map((pad) => stride - tail - pad).filter((t) => t >= 0);
  const fits = candidates.filter((t) => records.every((r) => read(r.at + t + L, L) === BigInt(memoryOf(r.name) ?? -1) && usedAt(r.at, t) >= 0 && usedAt(r.at, t) <= N));
  const t = fits.length === 1 ? fits[0] : fits.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
  if (t === undefined) {
    problems.push(`p3_partition_configs: ${fits.length} places in its ${stride}-byte records fit ram_host, ram_size and ${N} PMP entries at the end, not one; has struct partition_config changed?`);
    return facts;
  }
  for (const r of records) {
    const word = (off: number) => read(r.at + t + off, L) ?? 0n;
    const cfg = Array.from({ length: N }, (_, i) => Number((word(2 * L + L * Math.floor(i / L)) >> BigInt(8 * (i % L))) & 0xffn));
    const addr = Array.from({ length: N }, (_, i) => word(2 * L + L * (cfgWords + i)));
    pmp.set(r.name, { cfg, addr, used: usedAt(r.at, t), ramHost: Number(word(0)), ramSize: Number(word(L)) });
  }
  for (const p of names) if (!pmp.has(p) && !problems.some((x) => x.includes(p))) problems.push(`no record of p3_partition_configs names partition ${p}`);
  return facts;
}
