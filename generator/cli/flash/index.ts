/**
 * `phase3 flash`, the library half: picks the board's flow, reads and checks
 * the image, then either says exactly what it would do (dry run) or does it.
 * The CLI command only gathers options and prints.
 */
import path from "node:path";
import { isSerialFlow, type FlashFlow } from "../../../spec/boards/flash.ts";
import type { BoardProfile } from "../../../spec/boards/profile.ts";
import type { Segment } from "../../images/image.ts";
import type { LoadedImage } from "../../images/load.ts";
import { FlashError, type Progress } from "./errors.ts";
import { contiguous, elfFile, loadImage, materialize, rawFile, type ToolFile } from "./prepare.ts";
import { cva6Script } from "./serial/cva6.ts";
import { litexScript } from "./serial/litex.ts";
import { neorv32Script } from "./serial/neorv32.ts";
import { SerialPort } from "./serial/port.ts";
import { DEFAULT_TIMING, describeScript, runScript, type Script, type Timing } from "./serial/script.ts";
import { chooseFlow } from "./target.ts";
import { commandLine, gdbLoadCommand, openFpgaLoaderCommand, openOcdCommand, runOpenFpgaLoader, runOpenOcdGdb } from "./tools.ts";

export interface FlashRequest {
  board: BoardProfile;
  /** The `--board` value: the board's name, or `<board>:<flow>`. */
  target?: string;
  /** The image to write: the build's ELF, or the `--image` file. */
  imageFile: string;
  /** Serial port, for the serial boot flows; default the flow's usual device. */
  port?: string;
  dryRun: boolean;
  timing?: Timing;
  /** Where lines for the person go. */
  say: (line: string) => void;
  onProgress?: (progress: Progress) => void;
}

export function serialScript(board: BoardProfile, flow: FlashFlow, loaded: LoadedImage): Script {
  const image: Segment = contiguous(loaded);
  switch (flow.kind) {
    case "cva6-uart":
      return cva6Script(image, flow);
    case "neorv32-uart":
      return neorv32Script(image, flow);
    case "litex-serial":
      return litexScript(loaded.image, flow, loaded.image.entry ?? image.address);
    default:
      throw new Error(`internal: ${flow.kind} is not a serial flow`);
  }
}

function fileNote(file: ToolFile): string[] {
  return file.writtenFrom ? [`# first writes ${file.path} from ${path.basename(file.writtenFrom)}`] : [];
}

export async function flash(request: FlashRequest): Promise<void> {
  const { board, say } = request;
  const flow = chooseFlow(board, request.target);
  const loaded = loadImage(board, flow, request.imageFile);
  say(`${board.name}:${flow.name}: ${flow.summary}`);

  if (isSerialFlow(flow)) {
    const port = request.port ?? flow.port;
    const script = serialScript(board, flow, loaded);
    if (request.dryRun) {
      for (const line of describeScript(script, port)) say(line);
      return;
    }
    const serial = SerialPort.open(port, flow.baud);
    try {
      say(`${script.protocol} on ${port}: ${script.prompt}`);
      await runScript(script, serial, request.timing ?? DEFAULT_TIMING, { onProgress: request.onProgress });
    } finally {
      serial.close();
    }
    return;
  }

  if (request.port !== undefined) throw new FlashError(`--port is for the serial boot flows; ${board.name}:${flow.name} runs ${flow.kind === "openfpgaloader" ? "openFPGALoader" : "openocd and gdb"} over JTAG`);

  if (flow.kind === "openfpgaloader") {
    const file = rawFile(loaded);
    const command = openFpgaLoaderCommand(flow, file.path);
    if (request.dryRun) {
      for (const line of [...fileNote(file), commandLine(command)]) say(line);
      return;
    }
    materialize(file);
    await runOpenFpgaLoader(command);
    return;
  }

  const file = elfFile(loaded, board);
  const openocd = openOcdCommand(flow);
  const gdb = gdbLoadCommand(flow, file.path);
  if (request.dryRun) {
    for (const line of [...fileNote(file), `${commandLine(openocd)} &`, `# once openocd listens on port ${flow.gdbPort} for gdb:`, commandLine(gdb), "# then openocd is stopped"]) say(line);
    return;
  }
  materialize(file);
  await runOpenOcdGdb(openocd, gdb);
}
