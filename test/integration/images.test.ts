/**
 * The image readers against the build's real images: the .bin, .hex and
 * .mem that make writes must hold exactly the bytes of the ELF's loadable
 * segments, at the same addresses.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readElf, writeElf } from "../../generator/images/elf.ts";
import { extent, firstDifference, flatten, type MemoryImage } from "../../generator/images/image.ts";
import { readIntelHex, writeIntelHex } from "../../generator/images/ihex.ts";
import { readImageFile } from "../../generator/images/load.ts";
import { readMem, writeMem } from "../../generator/images/mem.ts";
import { readRaw, writeRaw } from "../../generator/images/raw.ts";
import { requireTool } from "../../generator/toolchain/resolve.ts";
import { buildSpec } from "../build.ts";
import { outDir, ROOT } from "../helpers.ts";

const HELLO = path.join(ROOT, "examples", "hello", "system.ts");

let dir: string;
let elf: ReturnType<typeof readElf>;
const file = (ext: string) => path.join(dir, `hello.${ext}`);

beforeAll(async () => {
  const built = await buildSpec(HELLO, "images-hello");
  dir = built.outDir;
  elf = readElf(fs.readFileSync(built.elf), "hello.elf");
});

describe("the build's images decode to the ELF's loadable bytes", () => {
  it("reads the ELF's PT_LOAD segments at their load addresses", () => {
    expect(elf.xlen).toBe(64);
    expect(elf.machine).toBe(243);
    expect(elf.segments.length).toBeGreaterThan(0);
    expect(elf.segments[0].address).toBe(0x8000_0000);
    expect(elf.entry).toBe(0x8000_0000);
  });

  it("the raw binary is the segments from the first load address, gaps zero-filled", () => {
    const bin = readRaw(fs.readFileSync(file("bin")), extent(elf).start);
    expect(firstDifference(bin, elf)).toBeUndefined();
    expect(extent(bin)).toEqual(extent(elf));
  });

  it("the Intel HEX holds the same bytes at the same addresses, and the entry point", () => {
    const ihex = readIntelHex(fs.readFileSync(file("hex"), "utf8"), "hello.hex");
    expect(firstDifference(ihex, elf)).toBeUndefined();
    expect(ihex.entry).toBe(elf.entry);
    // Every byte the HEX gives is the ELF's byte at that address.
    const flat = flatten(elf);
    for (const s of ihex.segments) expect(Buffer.from(s.bytes).equals(Buffer.from(flat.bytes.subarray(s.address - flat.address, s.address - flat.address + s.bytes.length)))).toBe(true);
  });

  it("the word-per-line file is the raw binary as little-endian words, zero-padded to a whole word", () => {
    const text = fs.readFileSync(file("mem"), "utf8");
    expect(text).toMatch(/^([0-9a-f]{8}\n)+$/);
    const mem = readMem(text, extent(elf).start, "hello.mem");
    const raw = flatten(elf).bytes;
    expect(text.split("\n").length - 1).toBe(Math.ceil(raw.length / 4));
    const padded = flatten(mem).bytes;
    expect(Buffer.from(padded.subarray(0, raw.length)).equals(Buffer.from(raw))).toBe(true);
    expect([...padded.subarray(raw.length)].every((b) => b === 0)).toBe(true);
  });

  it("readImageFile tells the formats apart by content and extension", () => {
    const base = extent(elf).start;
    expect(readImageFile(file("elf"), base).format).toBe("elf");
    expect(readImageFile(file("hex"), base).format).toBe("ihex");
    expect(readImageFile(file("mem"), base).format).toBe("mem");
    expect(readImageFile(file("bin"), base).format).toBe("bin");
    for (const ext of ["hex", "bin"]) expect(firstDifference(readImageFile(file(ext), base).image, elf)).toBeUndefined();
  });
});

describe("the writers give back what the readers read", () => {
  it("writes the same raw binary and word-per-line file as the build", () => {
    expect(Buffer.from(writeRaw(elf)).equals(fs.readFileSync(file("bin")))).toBe(true);
    expect(writeMem(elf)).toBe(fs.readFileSync(file("mem"), "utf8"));
  });

  it("round-trips Intel HEX, including addresses above 64 KiB boundaries", () => {
    const back = readIntelHex(writeIntelHex(elf));
    expect(firstDifference(back, elf)).toBeUndefined();
    expect(back.entry).toBe(elf.entry);
  });

  it("writes an ELF that objcopy turns into the same raw binary (so gdb's BFD loads it too)", () => {
    const sparse: MemoryImage = {
      entry: 0x2040_0004,
      segments: [
        { address: 0x2040_0000, bytes: Uint8Array.from([0x13, 0, 0, 0, 0x6f, 0, 0, 0]) },
        { address: 0x2040_0010, bytes: Uint8Array.from([1, 2, 3]) },
      ],
    };
    for (const [image, xlen] of [[elf, 64], [sparse, 32]] as const) {
      const written = writeElf(image, { xlen });
      const back = readElf(written);
      expect(firstDifference(back, image)).toBeUndefined();
      const out = path.join(outDir("images-elf-writer"), `w${xlen}`);
      fs.writeFileSync(`${out}.elf`, written);
      const r = spawnSync(requireTool("objcopy").path, ["-O", "binary", `${out}.elf`, `${out}.bin`], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(Buffer.from(fs.readFileSync(`${out}.bin`)).equals(Buffer.from(writeRaw(image)))).toBe(true);
    }
  });
});
