/** Malformed images: each mistake is a located, readable error. */
import { describe, expect, it } from "vitest";
import { readElf, writeElf } from "../../generator/images/elf.ts";
import { ImageError, normalize } from "../../generator/images/image.ts";
import { readIntelHex, writeIntelHex } from "../../generator/images/ihex.ts";
import { readMem } from "../../generator/images/mem.ts";

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return (error as Error).message;
  }
  throw new Error("expected an ImageError");
}

const GOOD_HEX = [":020000040000FA", ":0400000013000000E9", ":00000001FF", ""].join("\n");

describe("Intel HEX", () => {
  it("reads data, extended linear addresses and the start address", () => {
    const text = [":0200000420409A", ":0400000013000000E9", ":040000052040000097", ":00000001FF"].join("\r\n");
    const image = readIntelHex(text);
    expect(image.segments).toEqual([{ address: 0x2040_0000, bytes: Uint8Array.from([0x13, 0, 0, 0]) }]);
    expect(image.entry).toBe(0x2040_0000);
  });

  it("writes records that split at 64 KiB boundaries and reads back", () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
    const image = { segments: [{ address: 0x8000_fff0, bytes }], entry: 0x8000_fff0 };
    const text = writeIntelHex(image);
    expect(text.split("\n")[0]).toBe(":0200000480007A");
    expect(text).toContain(":02000004800179");
    expect(readIntelHex(text)).toEqual(image);
  });

  it("rejects a bad checksum, saying which line and what it should be", () => {
    expect(problem(() => readIntelHex(GOOD_HEX.replace("E9", "EA"), "x.hex"))).toBe("x.hex:2: checksum is 0xea but the record's bytes need 0xe9");
  });

  it("rejects a truncated record", () => {
    expect(problem(() => readIntelHex(GOOD_HEX.replace(":0400000013000000E9", ":04000000130000E9"), "x.hex"))).toBe(
      "x.hex:2: record is truncated: its length field says 4 data bytes, it has 3",
    );
    expect(problem(() => readIntelHex(":0400", "x.hex"))).toBe("x.hex:1: record is truncated: 4 hex digits, the shortest record has 10");
  });

  it("rejects a file with no end-of-file record, and records after it", () => {
    expect(problem(() => readIntelHex(":0400000013000000E9\n", "x.hex"))).toBe("x.hex: no end-of-file record (:00000001FF): the file is truncated");
    expect(problem(() => readIntelHex(`${GOOD_HEX}:0400000013000000E9\n`, "x.hex"))).toBe("x.hex:4: record after the end-of-file record (type 01)");
  });

  it("rejects lines that are not records, and unknown record types", () => {
    expect(problem(() => readIntelHex("hello\n", "x.hex"))).toBe('x.hex:1: a record starts with ":", not "hello"');
    expect(problem(() => readIntelHex(":0000000AF6\n", "x.hex"))).toBe("x.hex:1: unknown record type 0A (Intel HEX has types 00 to 05)");
    expect(problem(() => readIntelHex(":0G000000F6\n", "x.hex"))).toBe("x.hex:1: a record holds hex digits only after the colon");
  });

  it("rejects the same address given twice with different bytes", () => {
    const text = [":0100000011EE", ":0100000022DD", ":00000001FF"].join("\n");
    expect(problem(() => readIntelHex(text, "x.hex"))).toBe("x.hex: address 0x00000000 is given twice with different bytes");
  });
});

describe("word-per-line hex", () => {
  it("reads little-endian words, comments and @ word addresses", () => {
    const image = readMem("00000013 // nop\n\n@4\ndeadbeef\n", 0x1000);
    expect(image.segments).toEqual([
      { address: 0x1000, bytes: Uint8Array.from([0x13, 0, 0, 0]) },
      { address: 0x1010, bytes: Uint8Array.from([0xef, 0xbe, 0xad, 0xde]) },
    ]);
  });

  it("rejects a line that is not a 32-bit word", () => {
    expect(problem(() => readMem("00000013\n0013\n", 0, "x.mem"))).toBe('x.mem:2: "0013" is not a 32-bit word: each word is 8 hex digits, e.g. 00000013');
    expect(problem(() => readMem("@zz\n", 0, "x.mem"))).toBe('x.mem:1: "@zz" is not an address: write @ and hex digits, e.g. @100');
  });
});

describe("ELF", () => {
  const image = { segments: [{ address: 0x8000_0000, bytes: Uint8Array.from([1, 2, 3, 4, 5]) }], entry: 0x8000_0000 };

  it("rejects what is not an ELF, and big-endian or unknown-class ELF", () => {
    expect(problem(() => readElf(Uint8Array.from([1, 2, 3, 4]), "x.elf"))).toBe("x.elf: not an ELF file: it does not start with 7f 45 4c 46 (\\x7fELF)");
    const elf = writeElf(image, { xlen: 64 });
    const big = elf.slice();
    big[5] = 2;
    expect(problem(() => readElf(big, "x.elf"))).toBe("x.elf: big-endian ELF: RISC-V images are little-endian");
    const odd = elf.slice();
    odd[4] = 3;
    expect(problem(() => readElf(odd, "x.elf"))).toBe("x.elf: ELF class 3 is neither 1 (32-bit) nor 2 (64-bit)");
  });

  it("rejects a file cut short inside its headers or its segments", () => {
    const elf = writeElf(image, { xlen: 32 });
    expect(problem(() => readElf(elf.subarray(0, 40), "x.elf"))).toBe("x.elf: truncated: 40 bytes, shorter than an ELF header");
    expect(problem(() => readElf(elf.subarray(0, 60), "x.elf"))).toBe("x.elf: truncated: the 1 program headers end at byte 84, the file has 60");
    expect(problem(() => readElf(elf.subarray(0, 87), "x.elf"))).toBe("x.elf: program header 0: truncated: its bytes end at 89, the file has 87");
  });
});

describe("normalize", () => {
  it("merges touching and agreeing segments", () => {
    const merged = normalize(
      [
        { address: 4, bytes: Uint8Array.from([3, 4]) },
        { address: 2, bytes: Uint8Array.from([1, 2]) },
        { address: 5, bytes: Uint8Array.from([4, 5]) },
      ],
      "x",
    );
    expect(merged).toEqual([{ address: 2, bytes: Uint8Array.from([1, 2, 3, 4, 5]) }]);
  });
});
