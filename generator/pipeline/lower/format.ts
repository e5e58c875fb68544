/** How numbers are spelled in generated files, decided in one place. */
import { hex as hexDigits } from "../../../spec/units.ts";

/** 0x80000000 (at least 8 digits, so addresses line up). */
export function hex(value: number | bigint, digits = 8): string {
  return hexDigits(value, digits);
}

/** A 64-bit C constant: 0x...ULL */
export function hex64(value: bigint): string {
  return `${hex(value, 16)}ULL`;
}

/** A spec name as it appears in a C constant: P3_CHAN_<NAME>, P3_IRQ_<NAME>. */
export function constantName(name: string): string {
  return name.toUpperCase();
}

/** A C string literal for a name already known to be an identifier. */
export function cString(text: string): string {
  return JSON.stringify(text);
}

/** Path with forward slashes, as make and the assembler want it. */
export function posix(p: string): string {
  return p.split("\\").join("/");
}
