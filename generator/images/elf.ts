/**
 * ELF, the linker's output: what a loader puts in memory is the file bytes of
 * each PT_LOAD program header (p_filesz of them from p_offset) at its
 * physical address p_paddr, the load address objcopy and gdb `load` use too.
 * The zero tail up to p_memsz (.bss) is not part of the image: startup code
 * clears it.
 *
 * RISC-V ELF is little-endian, ELF32 for RV32 and ELF64 for RV64. The writer
 * makes a minimal executable: one PT_LOAD program header and one allocated
 * section per segment (binutils, and so gdb `load`, work from sections and
 * refuse a file without them), and the section-name table.
 */
import { hexAddress, ImageError, normalize, type MemoryImage, type Segment } from "./image.ts";

export const EM_RISCV = 243;
const PT_LOAD = 1;
const ET_EXEC = 2;

export interface ElfImage extends MemoryImage {
  xlen: 32 | 64;
  /** e_machine: 243 for RISC-V. */
  machine: number;
  entry: number;
}

/** The fields of the two ELF classes, at their offsets. */
const LAYOUT = {
  32: {
    header: 52, phent: 32, shent: 40, entry: 24, phoff: 28, shoff: 32, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48, shstrndx: 50,
    p: { offset: 4, paddr: 12, filesz: 16, memsz: 20 },
    s: { flags: 8, addr: 12, offset: 16, size: 20, addralign: 32 },
  },
  64: {
    header: 64, phent: 56, shent: 64, entry: 24, phoff: 32, shoff: 40, phentsize: 54, phnum: 56, shentsize: 58, shnum: 60, shstrndx: 62,
    p: { offset: 8, paddr: 24, filesz: 32, memsz: 40 },
    s: { flags: 8, addr: 16, offset: 24, size: 32, addralign: 48 },
  },
} as const;

const SHT_PROGBITS = 1;
const SHT_STRTAB = 3;
/** SHF_WRITE | SHF_ALLOC | SHF_EXECINSTR: the image does not say which bytes are code. */
const SHF_WAX = 7;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

export function readElf(bytes: Uint8Array, file = "image.elf"): ElfImage {
  if (!isElf(bytes)) throw new ImageError(file, "not an ELF file: it does not start with 7f 45 4c 46 (\\x7fELF)");
  if (bytes.length < 52) throw new ImageError(file, `truncated: ${bytes.length} bytes, shorter than an ELF header`);
  const xlen = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : undefined;
  if (!xlen) throw new ImageError(file, `ELF class ${bytes[4]} is neither 1 (32-bit) nor 2 (64-bit)`);
  if (bytes[5] !== 1) throw new ImageError(file, "big-endian ELF: RISC-V images are little-endian");
  const L = LAYOUT[xlen];
  if (bytes.length < L.header) throw new ImageError(file, `truncated: ${bytes.length} bytes, shorter than an ELF${xlen} header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (at: number) => (xlen === 64 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true));
  const machine = view.getUint16(18, true);
  const entry = word(L.entry);
  const phoff = word(L.phoff);
  const phentsize = view.getUint16(L.phentsize, true);
  const phnum = view.getUint16(L.phnum, true);
  if (phnum > 0 && phentsize !== L.phent) throw new ImageError(file, `program headers are ${phentsize} bytes, ELF${xlen} has ${L.phent}`);
  if (phoff + phnum * L.phent > bytes.length) throw new ImageError(file, `truncated: the ${phnum} program headers end at byte ${phoff + phnum * L.phent}, the file has ${bytes.length}`);

  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * L.phent;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const offset = word(at + L.p.offset);
    const paddr = word(at + L.p.paddr);
    const filesz = word(at + L.p.filesz);
    const memsz = word(at + L.p.memsz);
    const where = `${file}: program header ${i}`;
    if (filesz > memsz) throw new ImageError(where, `file size ${filesz} is larger than its memory size ${memsz}`);
    if (offset + filesz > bytes.length) throw new ImageError(where, `truncated: its bytes end at ${offset + filesz}, the file has ${bytes.length}`);
    if (filesz > 0) segments.push({ address: paddr, bytes: bytes.slice(offset, offset + filesz) });
  }
  return { segments: normalize(segments, file), entry, xlen, machine };
}

export interface WriteElfOptions {
  xlen: 32 | 64;
  machine?: number;
}

/** A minimal executable: ELF header, one PT_LOAD and one section per segment, the section names. */
export function writeElf(image: MemoryImage, options: WriteElfOptions): Uint8Array {
  const { xlen } = options;
  const L = LAYOUT[xlen];
  const ALIGN = 4;
  const count = image.segments.length;
  const names = image.segments.map((_, i) => `load${i}`);
  const strtab = new TextEncoder().encode(`\0${names.join("\0")}\0.shstrtab\0`);
  const nameOffset = (i: number) => 1 + names.slice(0, i).reduce((n, name) => n + name.length + 1, 0);

  const phoff = L.header;
  let offset = phoff + L.phent * count;
  // Each segment's file offset is congruent to its address modulo p_align, as loaders expect.
  const placed = image.segments.map((s) => {
    offset += (((s.address - offset) % ALIGN) + ALIGN) % ALIGN;
    const at = offset;
    offset += s.bytes.length;
    return { ...s, at };
  });
  const strtabAt = offset;
  offset += strtab.length;
  offset += (8 - (offset % 8)) % 8;
  const shoff = offset;
  const out = new Uint8Array(shoff + L.shent * (count + 2));
  const view = new DataView(out.buffer);
  const putWord = (at: number, v: number) => {
    if (v < 0 || (xlen === 32 && v > 0xffff_ffff)) throw new ImageError("ELF writer", `value ${hexAddress(v)} does not fit ELF${xlen}`);
    if (xlen === 64) view.setBigUint64(at, BigInt(v), true);
    else view.setUint32(at, v, true);
  };
  out.set([0x7f, 0x45, 0x4c, 0x46, xlen === 64 ? 2 : 1, 1, 1], 0);
  view.setUint16(16, ET_EXEC, true);
  view.setUint16(18, options.machine ?? EM_RISCV, true);
  view.setUint32(20, 1, true);
  putWord(L.entry, image.entry ?? image.segments[0]?.address ?? 0);
  putWord(L.phoff, phoff);
  putWord(L.shoff, shoff);
  view.setUint16(L.header - 12, L.header, true); // e_ehsize
  view.setUint16(L.phentsize, L.phent, true);
  view.setUint16(L.phnum, count, true);
  view.setUint16(L.shentsize, L.shent, true);
  view.setUint16(L.shnum, count + 2, true);
  view.setUint16(L.shstrndx, count + 1, true);
  placed.forEach((s, i) => {
    const ph = phoff + i * L.phent;
    view.setUint32(ph, PT_LOAD, true);
    view.setUint32(ph + (xlen === 64 ? 4 : 24), 7, true); // p_flags: read, write, execute
    putWord(ph + L.p.offset, s.at);
    putWord(ph + L.p.offset + (xlen === 64 ? 8 : 4), s.address); // p_vaddr
    putWord(ph + L.p.paddr, s.address);
    putWord(ph + L.p.filesz, s.bytes.length);
    putWord(ph + L.p.memsz, s.bytes.length);
    putWord(ph + L.p.memsz + 8, ALIGN); // p_align
    out.set(s.bytes, s.at);
    // Section i + 1 (section 0 is the null section).
    const sh = shoff + (i + 1) * L.shent;
    view.setUint32(sh, nameOffset(i), true);
    view.setUint32(sh + 4, SHT_PROGBITS, true);
    putWord(sh + L.s.flags, SHF_WAX);
    putWord(sh + L.s.addr, s.address);
    putWord(sh + L.s.offset, s.at);
    putWord(sh + L.s.size, s.bytes.length);
    putWord(sh + L.s.addralign, 1);
  });
  out.set(strtab, strtabAt);
  const sh = shoff + (count + 1) * L.shent;
  view.setUint32(sh, nameOffset(count), true);
  view.setUint32(sh + 4, SHT_STRTAB, true);
  putWord(sh + L.s.offset, strtabAt);
  putWord(sh + L.s.size, strtab.length);
  putWord(sh + L.s.addralign, 1);
  return out;
}

/** An allocated section: what a linker placed where. */
export interface ElfSection {
  name: string;
  address: number;
  size: number;
  /** "rwx" with dashes, from SHF_ALLOC/SHF_WRITE/SHF_EXECINSTR; "r" always. */
  access: string;
  /** SHT_NOBITS (.bss): takes memory, not file bytes. */
  nobits: boolean;
}

const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHT_NOBITS = 8;

/** The allocated sections of an ELF file, in address order. */
export function readSections(bytes: Uint8Array, file = "image.elf"): ElfSection[] {
  const { xlen } = readElf(bytes, file);
  const L = LAYOUT[xlen];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (at: number) => (xlen === 64 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true));
  const shoff = word(L.shoff);
  const shnum = view.getUint16(L.shnum, true);
  const shstrndx = view.getUint16(L.shstrndx, true);
  if (shoff === 0 || shnum === 0) return [];
  if (shoff + shnum * L.shent > bytes.length) throw new ImageError(file, `truncated: the ${shnum} section headers end at byte ${shoff + shnum * L.shent}, the file has ${bytes.length}`);
  const header = (i: number) => shoff + i * L.shent;
  const names = word(header(shstrndx) + L.s.offset);
  const nameAt = (offset: number) => {
    let end = names + offset;
    while (end < bytes.length && bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(names + offset, end));
  };
  const sections: ElfSection[] = [];
  for (let i = 1; i < shnum; i++) {
    const at = header(i);
    const flags = word(at + L.s.flags);
    const size = word(at + L.s.size);
    if (!(flags & SHF_ALLOC) || size === 0) continue;
    sections.push({
      name: nameAt(view.getUint32(at, true)),
      address: word(at + L.s.addr),
      size,
      access: `r${flags & SHF_WRITE ? "w" : "-"}${flags & SHF_EXECINSTR ? "x" : "-"}`,
      nobits: view.getUint32(at + 4, true) === SHT_NOBITS,
    });
  }
  return sections.sort((a, b) => a.address - b.address);
}

/** A symbol of the ELF symbol table: where the linker put it and how big it is. */
export interface ElfSymbol {
  name: string;
  address: number;
  size: number;
}

const SHT_SYMTAB = 2;
/** Elf32_Sym and Elf64_Sym: the fields, at their offsets. */
const SYMBOL = {
  32: { size: 16, value: 4, length: 8 },
  64: { size: 24, value: 8, length: 16 },
} as const;

/** The named symbols of an ELF file's symbol table (none if it was stripped), by name; the first of duplicates wins. */
export function readSymbols(bytes: Uint8Array, file = "image.elf"): Map<string, ElfSymbol> {
  const { xlen } = readElf(bytes, file);
  const L = LAYOUT[xlen];
  const S = SYMBOL[xlen];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (at: number) => (xlen === 64 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true));
  const shoff = word(L.shoff);
  const shnum = view.getUint16(L.shnum, true);
  const symbols = new Map<string, ElfSymbol>();
  if (shoff === 0 || shnum === 0) return symbols;
  if (shoff + shnum * L.shent > bytes.length) throw new ImageError(file, `truncated: the ${shnum} section headers end at byte ${shoff + shnum * L.shent}, the file has ${bytes.length}`);
  for (let i = 1; i < shnum; i++) {
    const at = shoff + i * L.shent;
    if (view.getUint32(at + 4, true) !== SHT_SYMTAB) continue;
    const offset = word(at + L.s.offset);
    const size = word(at + L.s.size);
    const link = view.getUint32(at + (xlen === 64 ? 40 : 24), true); // sh_link: its string table
    const strings = word(shoff + link * L.shent + L.s.offset);
    if (offset + size > bytes.length) throw new ImageError(file, `truncated: the symbol table ends at byte ${offset + size}, the file has ${bytes.length}`);
    for (let s = offset + S.size; s + S.size <= offset + size; s += S.size) {
      const nameOffset = view.getUint32(s, true);
      if (nameOffset === 0) continue;
      let end = strings + nameOffset;
      while (end < bytes.length && bytes[end] !== 0) end++;
      const name = new TextDecoder().decode(bytes.subarray(strings + nameOffset, end));
      if (!symbols.has(name)) symbols.set(name, { name, address: word(s + S.value), size: word(s + S.length) });
    }
  }
  return symbols;
}
