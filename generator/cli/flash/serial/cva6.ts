/**
 * The CVA6 APU boot ROM's UART upload (openhwgroup/cva6
 * corev_apu/fpga/src/bootrom/src/main.c), at 115200 baud 8N1:
 *
 *   ROM:  "Hello World!\r\n" "Hit any key to enter update mode " then a "."
 *         each second for 5 seconds; without a key it boots from the SD card
 *   host: any byte
 *   ROM:  " updating!\r\n" "receiving boot image\r\nsize: "
 *   host: the image size, 32-bit little-endian
 *   ROM:  the size as 8 upper-case hex digits, "\r\nreceiving "
 *   host: the image, which the ROM stores from 0x80000000 (printing a "."
 *         every size/16 bytes)
 *   ROM:  " done!\r\n", then jumps to 0x80000000
 *
 * There is no checksum and no flow control: the echoed size is the only
 * check, and the script verifies it before sending a byte of the image.
 */
import type { Cva6UartFlow } from "../../../../spec/boards/flash.ts";
import type { Segment } from "../../../images/image.ts";
import type { Script } from "./script.ts";

export function cva6Script(image: Segment, flow: Cva6UartFlow): Script {
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, image.bytes.length, true);
  const echo = image.bytes.length.toString(16).toUpperCase().padStart(8, "0");
  return {
    protocol: "CVA6 boot ROM UART upload",
    baud: flow.baud,
    imageBytes: image.bytes.length,
    prompt: "reset the board (CPU RESET): its boot ROM offers the upload for 5 seconds after reset",
    steps: [
      { kind: "expect", text: "Hit any key to enter update mode", what: "the boot ROM's offer, printed after reset", wait: "first" },
      { kind: "send", bytes: new TextEncoder().encode("u"), what: "a key: enter update mode" },
      { kind: "expect", text: "size: ", what: "the boot ROM asks for the size", wait: "reply" },
      { kind: "send", bytes: size, what: `the image size, ${image.bytes.length} bytes, 32-bit little-endian` },
      {
        kind: "expect",
        text: "receiving ",
        what: `the boot ROM echoes the size as ${echo}`,
        wait: "reply",
        check: (said) => (said.includes(echo) ? undefined : `the boot ROM understood the size as ${JSON.stringify(said.replace(/\s*receiving $/, "").trim())}, not ${echo}: the line garbled it (wrong baud rate?)`),
      },
      { kind: "send", bytes: image.bytes, what: `the image, stored from ${`0x${flow.loadAddress.toString(16)}`}`, image: true },
      { kind: "expect", text: " done!", what: "the boot ROM has every byte and jumps to the image", wait: "transfer" },
    ],
  };
}
