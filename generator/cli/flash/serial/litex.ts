/**
 * LiteX BIOS serial boot: the SFL protocol of litex_term (enjoy-digital/litex
 * litex/soc/software/bios/boot.c and sfl.h, litex/tools/litex_term.py), at
 * 115200 baud 8N1 by default:
 *
 *   BIOS: "sL5DdSMmkekro\n", then waits a quarter of a second for the reply
 *         (at boot, and again on the `serialboot` command at its prompt)
 *   host: "z6IHG7cYDID6o\n"
 *   host: frames: payload length (1 byte), CRC16 (2 bytes, big-endian) of
 *         the command byte and payload, command (1 byte), payload.
 *         LOAD (0x01): 4-byte big-endian address, then up to 251 bytes.
 *         JUMP (0x02): 4-byte big-endian address.
 *   BIOS: one byte per frame: "K" done, "C" CRC error (send it again),
 *         "E" the frame timed out half-way, "U" unknown command.
 *
 * The CRC is CRC-16/XMODEM: polynomial 0x1021, initial value 0, no
 * reflection. Frames go one at a time, each waiting for its answer, which
 * every BIOS version handles.
 */
import type { LitexSerialFlow } from "../../../../spec/boards/flash.ts";
import type { MemoryImage } from "../../../images/image.ts";
import { hexAddress } from "../../../images/image.ts";
import type { FrameStep, Script } from "./script.ts";

export const SFL_MAGIC_REQUEST = "sL5DdSMmkekro\n";
export const SFL_MAGIC_ACK = "z6IHG7cYDID6o\n";
export const SFL_CMD_LOAD = 0x01;
export const SFL_CMD_JUMP = 0x02;
/** Largest payload (one length byte), of which 4 bytes are the address. */
export const SFL_MAX_PAYLOAD = 255;
const ACK = { ok: 0x4b /* K */, retry: 0x43 /* C */, retries: 3, failures: { 0x45: "the BIOS timed out in the middle of the frame (E)", 0x55: "the BIOS does not know the command (U)" } };

/** CRC-16/XMODEM, bit by bit: small and plainly the polynomial. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function sflFrame(command: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + payload.length);
  frame[0] = payload.length;
  frame[3] = command;
  frame.set(payload, 4);
  const crc = crc16(frame.subarray(3));
  frame[1] = crc >> 8;
  frame[2] = crc & 0xff;
  return frame;
}

const be32 = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

export function litexScript(image: MemoryImage, flow: LitexSerialFlow, jumpTo: number): Script {
  const frames: FrameStep[] = [];
  const chunk = SFL_MAX_PAYLOAD - 4;
  for (const segment of image.segments) {
    for (let offset = 0; offset < segment.bytes.length; offset += chunk) {
      const data = segment.bytes.subarray(offset, offset + chunk);
      const address = segment.address + offset;
      const payload = new Uint8Array(4 + data.length);
      payload.set(be32(address), 0);
      payload.set(data, 4);
      frames.push({ kind: "frame", bytes: sflFrame(SFL_CMD_LOAD, payload), what: `LOAD frame: ${data.length} bytes at ${hexAddress(address)}`, imageBytes: data.length, ack: ACK });
    }
  }
  const enc = (s: string) => new TextEncoder().encode(s);
  const imageBytes = frames.reduce((n, f) => n + f.imageBytes, 0);
  return {
    protocol: "LiteX BIOS serial boot (SFL)",
    baud: flow.baud,
    imageBytes,
    prompt: "reset the board: the BIOS asks for a serial boot as it starts; a BIOS at its prompt is asked with serialboot",
    steps: [
      { kind: "send", bytes: enc("\nserialboot\n"), what: "serialboot: asks a BIOS at its litex> prompt to boot from serial" },
      { kind: "expect", text: SFL_MAGIC_REQUEST, what: "the BIOS's serial boot request", wait: "first" },
      { kind: "send", bytes: enc(SFL_MAGIC_ACK), what: "the host's reply: ready to send frames" },
      ...frames,
      { kind: "frame", bytes: sflFrame(SFL_CMD_JUMP, be32(jumpTo)), what: `JUMP frame to ${hexAddress(jumpTo)}`, imageBytes: 0, ack: ACK },
      { kind: "expect", text: "Executing booted program", what: "the BIOS jumps to the image", wait: "reply" },
    ],
  };
}
