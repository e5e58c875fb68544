/**
 * Intel HEX, as `objcopy -O ihex` writes it: ASCII records
 * `:LLAAAATT<data>CC`, where LL counts the data bytes, AAAA is the low 16
 * bits of the address, TT the record type and CC makes the sum of every byte
 * of the record 0 modulo 256.
 *
 *   00 data                    03 start segment address (CS:IP)
 *   01 end of file             04 extended linear address: bits 31..16
 *   02 extended segment address: base = value * 16
 *                              05 start linear address: the entry point
 */
import { hex } from "../../spec/units.ts";
import { hexAddress, ImageError, normalize, type MemoryImage, type Segment } from "./image.ts";

const DATA = 0x00;
const EOF = 0x01;
const EXTENDED_SEGMENT = 0x02;
const START_SEGMENT = 0x03;
const EXTENDED_LINEAR = 0x04;
const START_LINEAR = 0x05;

function byteHex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, "0");
}

function record(type: number, address: number, data: ArrayLike<number>): string {
  const bytes = [data.length, (address >> 8) & 0xff, address & 0xff, type, ...Array.from(data)];
  const sum = bytes.reduce((a, b) => a + b, 0);
  return `:${bytes.map(byteHex).join("")}${byteHex((0x100 - (sum & 0xff)) & 0xff)}`;
}

/** Writes data records of up to `recordSize` bytes, never crossing a 64 KiB boundary. */
export function writeIntelHex(image: MemoryImage, recordSize = 16): string {
  const lines: string[] = [];
  let upper = 0;
  for (const segment of image.segments) {
    let offset = 0;
    while (offset < segment.bytes.length) {
      const address = segment.address + offset;
      if (address > 0xffff_ffff) throw new ImageError("Intel HEX", `address ${hexAddress(address)} does not fit in 32 bits`);
      const high = Math.floor(address / 0x1_0000);
      if (high !== upper) {
        lines.push(record(EXTENDED_LINEAR, 0, [high >> 8, high & 0xff]));
        upper = high;
      }
      const low = address & 0xffff;
      const n = Math.min(recordSize, segment.bytes.length - offset, 0x1_0000 - low);
      lines.push(record(DATA, low, segment.bytes.subarray(offset, offset + n)));
      offset += n;
    }
  }
  if (image.entry !== undefined) {
    const e = image.entry;
    lines.push(record(START_LINEAR, 0, [(e >>> 24) & 0xff, (e >>> 16) & 0xff, (e >>> 8) & 0xff, e & 0xff]));
  }
  lines.push(record(EOF, 0, []));
  return `${lines.join("\n")}\n`;
}

export function readIntelHex(text: string, file = "image.hex"): MemoryImage {
  const segments: Segment[] = [];
  let base = 0;
  let entry: number | undefined;
  let ended = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.trim();
    if (!line) return;
    if (ended) throw new ImageError(where, "record after the end-of-file record (type 01)");
    if (!line.startsWith(":")) throw new ImageError(where, `a record starts with ":", not ${JSON.stringify(line.slice(0, 12))}`);
    const body = line.slice(1);
    if (!/^[0-9a-fA-F]*$/.test(body)) throw new ImageError(where, "a record holds hex digits only after the colon");
    if (body.length < 10 || body.length % 2 !== 0) throw new ImageError(where, `record is truncated: ${body.length} hex digits, the shortest record has 10`);
    const bytes = Uint8Array.from(body.match(/../g)!.map((b) => parseInt(b, 16)));
    const count = bytes[0];
    if (bytes.length !== count + 5) {
      throw new ImageError(where, `record is ${bytes.length < count + 5 ? "truncated" : "too long"}: its length field says ${count} data bytes, it has ${bytes.length - 5}`);
    }
    const sum = bytes.reduce((a, b) => a + b, 0) & 0xff;
    if (sum !== 0) {
      const expected = (0x100 - ((sum - bytes[bytes.length - 1]) & 0xff)) & 0xff;
      throw new ImageError(where, `checksum is ${hex(bytes[bytes.length - 1], 2)} but the record's bytes need ${hex(expected, 2)}`);
    }
    const address = (bytes[1] << 8) | bytes[2];
    const type = bytes[3];
    const data = bytes.subarray(4, 4 + count);
    const word = () => data.reduce((a, b) => a * 256 + b, 0);
    const expectCount = (n: number) => {
      if (count !== n) throw new ImageError(where, `a type ${byteHex(type)} record has ${n} data bytes, not ${count}`);
    };
    switch (type) {
      case DATA:
        segments.push({ address: base + address, bytes: data.slice() });
        break;
      case EOF:
        expectCount(0);
        ended = true;
        break;
      case EXTENDED_SEGMENT:
        expectCount(2);
        base = word() * 16;
        break;
      case EXTENDED_LINEAR:
        expectCount(2);
        base = word() * 0x1_0000;
        break;
      case START_SEGMENT:
        expectCount(4);
        entry = ((data[0] << 8) | data[1]) * 16 + ((data[2] << 8) | data[3]);
        break;
      case START_LINEAR:
        expectCount(4);
        entry = word();
        break;
      default:
        throw new ImageError(where, `unknown record type ${byteHex(type)} (Intel HEX has types 00 to 05)`);
    }
  });
  if (!ended) throw new ImageError(file, "no end-of-file record (:00000001FF): the file is truncated");
  return { segments: normalize(segments, file), ...(entry !== undefined ? { entry } : {}) };
}
