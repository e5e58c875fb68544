/**
 * `phase3 flash <spec>`: build the system (or take `--image`), then write the
 * image to the board with the board's own flow: openFPGALoader, openocd and
 * gdb over JTAG, or its serial boot protocol. `--dry-run` prints the exact
 * commands, or the bytes a serial protocol would send, and touches no board.
 */
import path from "node:path";
import { isBoardProfile } from "../../../spec/boards/profile.ts";
import { FlashError, type Progress } from "../flash/errors.ts";
import { flash } from "../flash/index.ts";
import { DEFAULT_TIMING } from "../flash/serial/script.ts";
import { chooseFlow } from "../flash/target.ts";
import { ImageError } from "../../images/image.ts";
import { loadSpec } from "../../pipeline/load/load-spec.ts";
import { secondsOption, specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { printProblems, shown, step, UserError } from "../output.ts";
import { buildSystem } from "../show-build.ts";

export const command: Command = {
  usage: "flash <spec> [--board <name>[:<flow>]] [--port <device>] [--image <file>] [--dry-run] [--wait <seconds>] [--out <dir>]",
  options: {
    board: { type: "string" },
    port: { type: "string" },
    image: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    wait: { type: "string" },
    out: { type: "string" },
  },
  run: (invocation) =>
    flashCommand(specArgument(invocation, "flash"), {
      target: stringOption(invocation, "board"),
      port: stringOption(invocation, "port"),
      image: stringOption(invocation, "image"),
      dryRun: invocation.options["dry-run"] === true,
      waitSeconds: secondsOption(invocation, "wait", DEFAULT_TIMING.firstMs / 1000),
      outDir: stringOption(invocation, "out"),
    }),
};

export interface FlashCommandOptions {
  target?: string;
  port?: string;
  image?: string;
  dryRun: boolean;
  waitSeconds: number;
  outDir?: string;
}

/** Prints a line at every quarter of the image. */
function progressPrinter(): (p: Progress) => void {
  let shownQuarter = 0;
  return ({ sent, total }) => {
    const quarter = Math.floor((sent / Math.max(1, total)) * 4);
    if (quarter > shownQuarter) {
      shownQuarter = quarter;
      step(`sent ${sent} of ${total} image bytes`);
    }
  };
}

export async function flashCommand(specFile: string, options: FlashCommandOptions): Promise<number> {
  const started = performance.now();
  // The board first, so a wrong --board is said before anything is built.
  const loaded = await loadSpec(specFile);
  if (!loaded.ok) {
    printProblems(loaded.problems, loaded.source);
    return 1;
  }
  const board = loaded.spec.system.board;
  if (!isBoardProfile(board)) throw new UserError(`${shown(specFile)}: the spec's board is not a board profile; run \`phase3 check ${shown(specFile)}\``);
  try {
    chooseFlow(board, options.target);
    let imageFile: string;
    if (options.image !== undefined) {
      imageFile = path.resolve(options.image);
    } else {
      const result = await buildSystem(specFile, { outDir: options.outDir });
      if (!result.ok) return 1;
      imageFile = result.built.elf;
    }
    await flash({
      board,
      target: options.target,
      imageFile,
      port: options.port,
      dryRun: options.dryRun,
      timing: { ...DEFAULT_TIMING, firstMs: options.waitSeconds * 1000 },
      say: (line) => console.log(line),
      onProgress: progressPrinter(),
    });
  } catch (error) {
    if (error instanceof FlashError || error instanceof ImageError) throw new UserError(error.message);
    throw error;
  }
  step(options.dryRun ? `dry run: nothing was sent to ${board.name}` : `${board.name}: flashed ${shown(options.image ?? `${loaded.spec.system.name}.elf`)}`, started);
  return 0;
}

