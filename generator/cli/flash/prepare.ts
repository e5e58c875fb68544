/**
 * The image a flow needs, checked against where the flow puts it: read from
 * any format, required to start where the boot ROM, bootloader or flash
 * offset expects it and to fit the memory it goes to, and written as the
 * file a tool takes (raw binary for openFPGALoader, ELF for gdb) when the
 * given file is not already that.
 *
 * Converted files go to a folder under the system's temporary directory,
 * named by a hash of their content, so a dry run can name the exact path
 * without writing anything.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FlashFlow } from "../../../spec/boards/flash.ts";
import type { BoardProfile, MemoryRange } from "../../../spec/boards/profile.ts";
import { writeElf } from "../../images/elf.ts";
import { extent, flatten, hexAddress, type Segment } from "../../images/image.ts";
import { readImageFile, type LoadedImage } from "../../images/load.ts";
import { writeRaw } from "../../images/raw.ts";
import { FlashError } from "./errors.ts";

/** Where a file without addresses (raw binary, .mem) is loaded for this flow. */
export function naturalBase(board: BoardProfile, flow: FlashFlow): number {
  switch (flow.kind) {
    case "openfpgaloader":
      return flow.address;
    case "openocd-gdb":
      return board.resetVector;
    default:
      return flow.loadAddress;
  }
}

export function loadImage(board: BoardProfile, flow: FlashFlow, file: string): LoadedImage {
  const loaded = readImageFile(file, naturalBase(board, flow));
  checkPlacement(board, flow, loaded);
  return loaded;
}

function within(range: MemoryRange | undefined, start: number, end: number): boolean {
  return !!range && start >= range.base && end <= range.base + range.size;
}

function checkPlacement(board: BoardProfile, flow: FlashFlow, loaded: LoadedImage): void {
  const { start, end } = extent(loaded.image);
  const name = path.basename(loaded.file);
  const span = `${hexAddress(start)}-${hexAddress(end)}`;
  const mustStartAt = (address: number, why: string) => {
    if (start !== address) throw new FlashError(`${name} starts at ${hexAddress(start)}, but ${why} at ${hexAddress(address)}: build it for ${board.name}, or pass an image linked there`);
  };
  const mustFit = (range: MemoryRange | undefined, what: string) => {
    if (!within(range, start, end)) {
      const room = range ? `${hexAddress(range.base)}-${hexAddress(range.base + range.size)}` : "(none on this board)";
      throw new FlashError(`${name} spans ${span} (${end - start} bytes), which does not fit ${board.name}'s ${what} ${room}`);
    }
  };
  switch (flow.kind) {
    case "openfpgaloader":
      mustStartAt(flow.address, `${board.name} runs the program from SPI flash offset ${hexAddress(flow.offset)}, which appears`);
      mustFit(board.memory.code ?? board.memory.flash, "program flash");
      return;
    case "cva6-uart":
      mustStartAt(flow.loadAddress, "the CVA6 boot ROM stores the upload and jumps");
      mustFit(board.memory.ram, "DRAM");
      return;
    case "neorv32-uart":
      mustStartAt(flow.loadAddress, "the NEORV32 bootloader stores the upload and jumps");
      mustFit(board.memory.code, "instruction memory (IMEM)");
      return;
    case "litex-serial":
      mustFit(board.memory.ram, "main RAM");
      return;
    case "openocd-gdb":
      return;
  }
}

/** The one run of bytes a boot ROM or bootloader takes. */
export function contiguous(loaded: LoadedImage): Segment {
  return flatten(loaded.image);
}

export interface ToolFile {
  path: string;
  /** Set when the file has to be written from the image first. */
  writtenFrom?: string;
  bytes?: Uint8Array;
}

function converted(loaded: LoadedImage, ext: string, bytes: Uint8Array): ToolFile {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const stem = path.basename(loaded.file).replace(/\.[^.]*$/, "");
  return { path: path.join(os.tmpdir(), "phase3-flash", `${stem}-${hash}.${ext}`), writtenFrom: loaded.file, bytes };
}

/** A raw binary of the image: the given file when it is one. */
export function rawFile(loaded: LoadedImage): ToolFile {
  return loaded.format === "bin" ? { path: loaded.file } : converted(loaded, "bin", writeRaw(loaded.image));
}

/** An ELF of the image: the given file when it is one. */
export function elfFile(loaded: LoadedImage, board: BoardProfile): ToolFile {
  return loaded.format === "elf" ? { path: loaded.file } : converted(loaded, "elf", writeElf(loaded.image, { xlen: board.isa.xlen }));
}

/** Writes a converted file (a real run only). */
export function materialize(file: ToolFile): void {
  if (!file.bytes) return;
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  fs.writeFileSync(file.path, file.bytes);
}
