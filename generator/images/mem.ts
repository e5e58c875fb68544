/**
 * Word-per-line hex for block-RAM initialisation ($readmemh, icebram): one
 * 32-bit little-endian word per line as 8 hex digits, the first line at the
 * image's first address. The build writes it from the raw binary with `od`,
 * zero-padded to a whole word.
 *
 * The reader also takes what $readmemh allows in such files: blank lines,
 * `//` comments and `@<word address>` lines that move the next word, counted
 * in words from the base.
 */
import { flatten, ImageError, normalize, type MemoryImage, type Segment } from "./image.ts";

export function writeMem(image: MemoryImage): string {
  const { bytes } = flatten(image);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  const lines: string[] = [];
  for (let i = 0; i < padded.length; i += 4) lines.push(view.getUint32(i, true).toString(16).padStart(8, "0"));
  return lines.length ? `${lines.join("\n")}\n` : "";
}

export function readMem(text: string, base: number, file = "image.mem"): MemoryImage {
  const segments: Segment[] = [];
  let words: number[] = [];
  let runStart = base;
  let next = base;
  const flush = () => {
    if (!words.length) return;
    const bytes = new Uint8Array(words.length * 4);
    const view = new DataView(bytes.buffer);
    words.forEach((w, i) => view.setUint32(i * 4, w, true));
    segments.push({ address: runStart, bytes });
    words = [];
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (!line) return;
    for (const token of line.split(/\s+/)) {
      if (token.startsWith("@")) {
        if (!/^@[0-9a-fA-F]+$/.test(token)) throw new ImageError(where, `"${token}" is not an address: write @ and hex digits, e.g. @100`);
        flush();
        next = base + parseInt(token.slice(1), 16) * 4;
        runStart = next;
        continue;
      }
      if (!/^[0-9a-fA-F]{8}$/.test(token)) {
        throw new ImageError(where, `"${token}" is not a 32-bit word: each word is 8 hex digits, e.g. 00000013`);
      }
      words.push(parseInt(token, 16));
      next += 4;
    }
  });
  flush();
  return { segments: normalize(segments, file) };
}
