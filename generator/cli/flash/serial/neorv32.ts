/**
 * The NEORV32 bootloader's UART upload (stnolting/neorv32 sw/bootloader), at
 * 19200 baud 8N1 by default:
 *
 *   boot: banner, "Autoboot in 10s. Press any key to abort." (any key ends
 *         the countdown), the command menu and the prompt "CMD:> "
 *   host: "u"         boot: "Awaiting neorv32_exe.bin... "
 *   host: the executable: signature 0x4788CAFE, size in bytes, checksum, then
 *         the image as 32-bit words; every field little-endian. The checksum
 *         is the two's complement of the sum of the image's words, so the
 *         sum of the words and the checksum is 0.
 *   boot: "OK", or an error: "ERR_EXE"/"ERROR_SIGNATURE" (bad signature),
 *         "ERR_CHKS"/"ERROR_CHECKSUM", "ERR_SIZE" (larger than IMEM),
 *         "ERROR_DEVICE" (older and newer bootloaders word them differently)
 *   host: "e"         boot: "Booting from 0x00000000...", and runs the image
 *
 * The image is stored from the start of IMEM, where it must be linked.
 */
import type { Neorv32UartFlow } from "../../../../spec/boards/flash.ts";
import type { Segment } from "../../../images/image.ts";
import type { Script } from "./script.ts";

export const NEORV32_SIGNATURE = 0x4788_cafe;

/** The image as the bootloader takes it: padded to whole words, behind the 12-byte header. */
export function neorv32Executable(image: Uint8Array): { header: Uint8Array; body: Uint8Array; checksum: number } {
  const body = new Uint8Array(Math.ceil(image.length / 4) * 4);
  body.set(image);
  const words = new DataView(body.buffer);
  let sum = 0;
  for (let i = 0; i < body.length; i += 4) sum = (sum + words.getUint32(i, true)) >>> 0;
  const checksum = (~sum + 1) >>> 0;
  const header = new Uint8Array(12);
  const h = new DataView(header.buffer);
  h.setUint32(0, NEORV32_SIGNATURE, true);
  h.setUint32(4, body.length, true);
  h.setUint32(8, checksum, true);
  return { header, body, checksum };
}

const REFUSALS = ["ERR"];
const key = (c: string) => new TextEncoder().encode(c);

export function neorv32Script(image: Segment, flow: Neorv32UartFlow): Script {
  const { header, body, checksum } = neorv32Executable(image.bytes);
  return {
    protocol: "NEORV32 bootloader upload",
    baud: flow.baud,
    imageBytes: body.length,
    prompt: "reset the board if its bootloader is not at its CMD:> prompt: a key ends the autoboot countdown",
    steps: [
      { kind: "send", bytes: key("h"), what: "h: asks a bootloader at its prompt for its menu; ends an autoboot countdown" },
      {
        kind: "expect",
        text: "CMD:> ",
        what: "the bootloader's prompt",
        wait: "first",
        answer: { when: "Press any key", send: key("h"), what: "a key, to stop the autoboot" },
      },
      { kind: "send", bytes: key("u"), what: "u: upload" },
      { kind: "expect", text: "Awaiting neorv32_exe.bin", what: "the bootloader waits for the executable", wait: "reply" },
      { kind: "send", bytes: header.subarray(0, 4), what: `signature 0x${NEORV32_SIGNATURE.toString(16)}` },
      { kind: "send", bytes: header.subarray(4, 8), what: `size: ${body.length} bytes (the image padded to whole words)` },
      { kind: "send", bytes: header.subarray(8, 12), what: `checksum 0x${checksum.toString(16).padStart(8, "0")}: the words of the image and it sum to 0` },
      { kind: "send", bytes: body, what: `the image, stored from 0x${flow.loadAddress.toString(16).padStart(8, "0")} (IMEM)`, image: true, failOn: REFUSALS },
      { kind: "expect", text: "OK", what: "the bootloader checked the signature and checksum", wait: "transfer", failOn: REFUSALS },
      { kind: "send", bytes: key("e"), what: "e: execute" },
      { kind: "expect", text: "Booting from", what: "the bootloader starts the image", wait: "reply" },
    ],
  };
}
