/**
 * A memory image: the bytes a firmware file puts at which addresses, whatever
 * its format. Every reader in this folder returns one and every writer takes
 * one, so formats convert through it and two files compare through it.
 */
import { hex } from "../../spec/units.ts";

/** Bytes that go at consecutive addresses from `address`. */
export interface Segment {
  address: number;
  bytes: Uint8Array;
}

export type ImageFormat = "elf" | "bin" | "ihex" | "mem";

export interface MemoryImage {
  /** Sorted by address, none overlapping, none empty; touching segments are merged. */
  segments: Segment[];
  /** Where execution starts, when the format records it (ELF e_entry, HEX start address). */
  entry?: number;
}

/**
 * A file that is not a valid image of its format. `where` locates the problem
 * for a person: "hello.hex:12", "hello.elf: program header 2".
 */
export class ImageError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = "ImageError";
  }
}

/** An address in an image, lined up: 0x80000000. */
export const hexAddress = (n: number) => hex(n, 8);

/**
 * Sorts segments, merges touching ones and drops empty ones. Overlapping
 * segments are an error unless their common bytes agree: a format that
 * writes the same address twice with different data is ambiguous.
 */
export function normalize(segments: readonly Segment[], where: string): Segment[] {
  const sorted = segments.filter((s) => s.bytes.length > 0).sort((a, b) => a.address - b.address);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    const lastEnd = last ? last.address + last.bytes.length : -1;
    if (!last || s.address > lastEnd) {
      out.push({ address: s.address, bytes: s.bytes });
      continue;
    }
    // Touching or overlapping: overlapping bytes must agree.
    const overlap = Math.min(lastEnd, s.address + s.bytes.length) - s.address;
    for (let i = 0; i < overlap; i++) {
      if (last.bytes[s.address - last.address + i] !== s.bytes[i]) {
        throw new ImageError(where, `address ${hexAddress(s.address + i)} is given twice with different bytes`);
      }
    }
    if (s.address + s.bytes.length > lastEnd) {
      const merged = new Uint8Array(s.address + s.bytes.length - last.address);
      merged.set(last.bytes, 0);
      merged.set(s.bytes, s.address - last.address);
      out[out.length - 1] = { address: last.address, bytes: merged };
    }
  }
  return out;
}

/** First address and end (exclusive) of the image; an empty image is [0, 0). */
export function extent(image: MemoryImage): { start: number; end: number } {
  if (image.segments.length === 0) return { start: 0, end: 0 };
  const last = image.segments[image.segments.length - 1];
  return { start: image.segments[0].address, end: last.address + last.bytes.length };
}

/** The image as one run of bytes from its first address, gaps filled with `fill` (what objcopy -O binary writes). */
export function flatten(image: MemoryImage, fill = 0): Segment {
  const { start, end } = extent(image);
  const bytes = new Uint8Array(end - start).fill(fill);
  for (const s of image.segments) bytes.set(s.bytes, s.address - start);
  return { address: start, bytes };
}

export function totalBytes(image: MemoryImage): number {
  return image.segments.reduce((n, s) => n + s.bytes.length, 0);
}

/**
 * The first address where two images differ once both are flattened with
 * zero-filled gaps (how a loader sees them), or undefined when they are the
 * same bytes at the same addresses.
 */
export function firstDifference(a: MemoryImage, b: MemoryImage): number | undefined {
  const fa = flatten(a);
  const fb = flatten(b);
  if (fa.address !== fb.address) return Math.min(fa.address, fb.address);
  const n = Math.max(fa.bytes.length, fb.bytes.length);
  for (let i = 0; i < n; i++) {
    if ((fa.bytes[i] ?? -1) !== (fb.bytes[i] ?? -1)) return fa.address + i;
  }
  return undefined;
}
