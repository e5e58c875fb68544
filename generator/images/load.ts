/**
 * Reads an image file of any of the four formats. The format comes from the
 * content where it can (ELF's magic number), else from the extension:
 * .hex/.ihex is Intel HEX, .mem is one word per line, anything else raw
 * binary. Raw binary and .mem carry no address: `base` says where they load.
 */
import fs from "node:fs";
import path from "node:path";
import { isElf, readElf } from "./elf.ts";
import { ImageError, type ImageFormat, type MemoryImage } from "./image.ts";
import { readIntelHex } from "./ihex.ts";
import { readMem } from "./mem.ts";
import { readRaw } from "./raw.ts";

export interface LoadedImage {
  file: string;
  format: ImageFormat;
  image: MemoryImage;
}

export function imageFormatOf(file: string, bytes: Uint8Array): ImageFormat {
  if (isElf(bytes)) return "elf";
  const ext = path.extname(file).toLowerCase();
  if (ext === ".hex" || ext === ".ihex") return "ihex";
  if (ext === ".mem") return "mem";
  return "bin";
}

export function readImageFile(file: string, base: number): LoadedImage {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new ImageError(file, `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const shown = path.basename(file);
  const format = imageFormatOf(file, bytes);
  const text = () => new TextDecoder().decode(bytes);
  const image =
    format === "elf" ? readElf(bytes, shown) : format === "ihex" ? readIntelHex(text(), shown) : format === "mem" ? readMem(text(), base, shown) : readRaw(bytes, base);
  if (image.segments.length === 0) throw new ImageError(shown, "holds no bytes to load");
  return { file, format, image };
}
