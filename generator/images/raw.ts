/**
 * Raw binary: the bytes alone, as `objcopy -O binary` writes them from the
 * image's first address with gaps zero-filled. The file carries no address,
 * so reading one needs the base it loads at.
 */
import { flatten, type MemoryImage } from "./image.ts";

export function readRaw(bytes: Uint8Array, base: number): MemoryImage {
  return { segments: bytes.length ? [{ address: base, bytes }] : [] };
}

export function writeRaw(image: MemoryImage): Uint8Array {
  return flatten(image).bytes;
}
