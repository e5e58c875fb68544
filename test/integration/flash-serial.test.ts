/**
 * The serial boot protocols against fake boards on a pseudo-terminal: the
 * CVA6 boot ROM, the NEORV32 bootloader and the LiteX BIOS, each behaving
 * right, answering wrongly, and not answering at all. A good board must
 * receive exactly the image; a bad one must end in a clear error that says
 * how much of the image was sent.
 */
import { afterEach, describe, expect, it } from "vitest";
import { boards } from "../../spec/boards/index.ts";
import type { Cva6UartFlow, LitexSerialFlow, Neorv32UartFlow } from "../../spec/boards/flash.ts";
import { TransferError } from "../../generator/cli/flash/errors.ts";
import { cva6Script } from "../../generator/cli/flash/serial/cva6.ts";
import { crc16, litexScript, SFL_MAGIC_ACK, SFL_MAGIC_REQUEST } from "../../generator/cli/flash/serial/litex.ts";
import { NEORV32_SIGNATURE, neorv32Script } from "../../generator/cli/flash/serial/neorv32.ts";
import { SerialPort } from "../../generator/cli/flash/serial/port.ts";
import { runScript, type Script, type Timing } from "../../generator/cli/flash/serial/script.ts";
import { FakeBoard } from "../pty.ts";

// Short, for fast tests, yet well above the pty relay's latency on a loaded machine.
const TIMING: Timing = { firstMs: 1_500, replyMs: 1_500 };
const cva6Flow = boards.cva6Genesys2().flash![0] as Cva6UartFlow;
const neorv32Flow = boards.neorv32().flash![0] as Neorv32UartFlow;
const litexFlow = boards.litexVexRiscvArty().flash![0] as LitexSerialFlow;

/** Deterministic, not all zeros, with every byte value (0x0a, 0x0d, 0x11, 0x13 too: a raw line must pass them). */
const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

let open: { fake: FakeBoard; port: SerialPort }[] = [];
afterEach(() => {
  for (const { fake, port } of open) {
    port.close();
    fake.close();
  }
  open = [];
});

async function connect(baud: number) {
  const fake = await FakeBoard.open();
  const port = SerialPort.open(fake.path, baud);
  open.push({ fake, port });
  return { fake, port };
}

/** Runs the script against the fake's behaviour; returns the flasher's error, if any. */
async function exchange(script: Script, port: SerialPort, board: Promise<unknown>): Promise<TransferError | undefined> {
  const boardDone = board.catch((e) => e);
  try {
    await runScript(script, port, TIMING);
    await boardDone;
    return undefined;
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    return error;
  }
}

describe("CVA6 boot ROM UART upload", () => {
  const image = { address: 0x8000_0000, bytes: pattern(3000) };

  async function bootRom(fake: FakeBoard, options: { echo?: string; done?: boolean } = {}) {
    fake.say("Hello World!\r\nHit any key to enter update mode .");
    await fake.read(1);
    fake.say(" updating!\r\nreceiving boot image\r\nsize: ");
    const size = (await fake.read(4)).readUInt32LE(0);
    fake.say(`${options.echo ?? size.toString(16).toUpperCase().padStart(8, "0")}\r\nreceiving `);
    const got = await fake.read(size);
    if (options.done !== false) fake.say(". . . done!\r\n");
    return got;
  }

  it("sends a key, the size little-endian, then exactly the image", async () => {
    const { fake, port } = await connect(cva6Flow.baud);
    const board = bootRom(fake);
    expect(await exchange(cva6Script(image, cva6Flow), port, board)).toBeUndefined();
    expect(Buffer.compare(await board, Buffer.from(image.bytes))).toBe(0);
    expect(fake.received.subarray(0, 5)).toEqual(Buffer.from([0x75, 0xb8, 0x0b, 0, 0]));
  });

  it("stops before the image when the boot ROM echoes another size", async () => {
    const { fake, port } = await connect(cva6Flow.baud);
    const error = await exchange(cva6Script(image, cva6Flow), port, bootRom(fake, { echo: "0000DEAD" }));
    expect(error?.message).toBe(
      'the boot ROM understood the size as "0000DEAD", not 00000BB8: the line garbled it (wrong baud rate?)\nNothing of the image was sent: the board\'s memory is as it was.',
    );
    expect(fake.received.length).toBe(5);
  });

  it("says so when the board never answers, and sends nothing", async () => {
    const { fake, port } = await connect(cva6Flow.baud);
    const error = await exchange(cva6Script(image, cva6Flow), port, Promise.resolve());
    expect(error?.message).toMatch(/^no answer from the board on \/dev\/pts\/\d+ within 1\.5 s: waited for "Hit any key to enter update mode" \(the boot ROM's offer, printed after reset\); it said nothing\. reset the board/);
    expect(error?.message).toMatch(/Nothing of the image was sent/);
    expect(fake.received.length).toBe(0);
  });

  it("says the whole image went but was not confirmed when done! never comes", async () => {
    const { fake, port } = await connect(cva6Flow.baud);
    const error = await exchange(cva6Script(image, cva6Flow), port, bootRom(fake, { done: false }));
    expect(error?.message).toMatch(/^the board stopped answering: waited .* for " done!"/);
    expect(error?.message).toMatch(/All 3000 bytes of the image were sent, but the board did not confirm them: reset it before trying again\.$/);
  });
});

describe("NEORV32 bootloader upload", () => {
  const image = { address: 0, bytes: pattern(1001) };

  /** A bootloader: autoboot countdown, then a prompt that takes one-letter commands. */
  async function bootloader(fake: FakeBoard, options: { reply?: (words: number[], checksum: number) => string } = {}) {
    fake.say("\n\n\n<< NEORV32 Bootloader >>\n\nBLDV: Jan  1 2025\nAutoboot in 10s. Press any key to abort.\n");
    await fake.read(1);
    fake.say("Aborted.\n\nAvailable CMDs:\n h: Help\n u: Upload\n e: Execute\nCMD:> ");
    let stored: Buffer | undefined;
    for (;;) {
      const c = String.fromCharCode((await fake.read(1))[0]);
      fake.say(`${c}\n`);
      if (c === "h") fake.say("Available CMDs:\n h: Help\n u: Upload\n e: Execute\nCMD:> ");
      else if (c === "u") {
        fake.say("Awaiting neorv32_exe.bin... ");
        const header = await fake.read(12);
        if (header.readUInt32LE(0) !== NEORV32_SIGNATURE) {
          fake.say("\x07\nERR_EXE");
          return undefined;
        }
        const size = header.readUInt32LE(4);
        stored = await fake.read(size);
        const words = Array.from({ length: size / 4 }, (_, i) => stored!.readUInt32LE(i * 4));
        const sum = words.reduce((a, w) => (a + w) >>> 0, 0);
        const verdict = options.reply ? options.reply(words, header.readUInt32LE(8)) : (sum + header.readUInt32LE(8)) >>> 0 === 0 ? "OK" : "\x07\nERR_CHKS";
        fake.say(`${verdict}\nCMD:> `);
      } else if (c === "e") {
        fake.say("Booting from 0x00000000...\n\n");
        return stored;
      } else fake.say("Invalid CMD\nCMD:> ");
    }
  }

  it("gets past the autoboot, uploads signature, size, checksum and the padded image, then executes", async () => {
    const { fake, port } = await connect(neorv32Flow.baud);
    const board = bootloader(fake);
    expect(await exchange(neorv32Script(image, neorv32Flow), port, board)).toBeUndefined();
    const stored = (await board)!;
    expect(stored.length).toBe(1004);
    expect(Buffer.compare(stored.subarray(0, 1001), Buffer.from(image.bytes))).toBe(0);
    expect([...stored.subarray(1001)]).toEqual([0, 0, 0]);
  });

  it("reports the bootloader's checksum error after the whole image went", async () => {
    const { fake, port } = await connect(neorv32Flow.baud);
    const error = await exchange(neorv32Script(image, neorv32Flow), port, bootloader(fake, { reply: () => "\x07\nERR_CHKS" }));
    expect(error?.message).toBe(
      'the board refused: it said "ERR_CHKS"\nAll 1004 bytes of the image were sent, but the board did not confirm them: reset it before trying again.',
    );
  });

  it("reports a bootloader that does not answer after the upload", async () => {
    const { fake, port } = await connect(neorv32Flow.baud);
    const error = await exchange(neorv32Script(image, neorv32Flow), port, bootloader(fake, { reply: () => "" }));
    expect(error?.message).toMatch(/^the board stopped answering: waited .* for "OK" \(the bootloader checked the signature and checksum\)/);
  });

  it("says so when no bootloader answers at all", async () => {
    const { fake, port } = await connect(neorv32Flow.baud);
    const error = await exchange(neorv32Script(image, neorv32Flow), port, Promise.resolve());
    expect(error?.message).toMatch(/^no answer from the board on .* waited for "CMD:> "/);
    expect(error?.message).toMatch(/Nothing of the image was sent/);
    // Only the key that asks for the prompt went out.
    expect(fake.received.toString("latin1")).toBe("h");
  });
});

describe("LiteX BIOS serial boot (SFL)", () => {
  const image = { segments: [{ address: 0x4000_0000, bytes: pattern(700) }], entry: 0x4000_0000 };

  /** A BIOS: asks for serial boot, checks each frame's CRC, answers per `answer`, runs LOAD and JUMP. */
  async function bios(fake: FakeBoard, answer: (frame: number, attempt: number) => string = () => "K") {
    await fake.until("serialboot\n");
    fake.take();
    fake.say(`Booting from serial...\nPress Q or ESC to abort boot completely.\n${SFL_MAGIC_REQUEST}`);
    expect((await fake.read(SFL_MAGIC_ACK.length)).toString("latin1")).toBe(SFL_MAGIC_ACK);
    const memory = new Map<number, number>();
    const attempts = new Map<number, number>();
    for (let frame = 0; ; frame++) {
      const header = await fake.read(4);
      const payload = await fake.read(header[0]);
      const crcOk = crc16(Buffer.concat([header.subarray(3, 4), payload])) === header.readUInt16BE(1);
      const attempt = attempts.get(frame) ?? 0;
      attempts.set(frame, attempt + 1);
      const reply = crcOk ? answer(frame, attempt) : "C";
      fake.say(reply);
      if (reply === "C") {
        frame--;
        continue;
      }
      if (reply !== "K") return memory;
      const address = payload.readUInt32BE(0);
      if (header[3] === 0x02) {
        fake.say(`Executing booted program at 0x${address.toString(16)}\n`);
        return { memory, jump: address };
      }
      payload.subarray(4).forEach((b, i) => memory.set(address + i, b));
    }
  }

  it("answers the magic, loads every byte at its address in CRC-checked frames, and jumps", async () => {
    const { fake, port } = await connect(litexFlow.baud);
    const board = bios(fake);
    expect(await exchange(litexScript(image, litexFlow, 0x4000_0000), port, board)).toBeUndefined();
    const { memory, jump } = (await board) as { memory: Map<number, number>; jump: number };
    expect(jump).toBe(0x4000_0000);
    expect(memory.size).toBe(700);
    expect(Uint8Array.from({ length: 700 }, (_, i) => memory.get(0x4000_0000 + i)!)).toEqual(image.segments[0].bytes);
  });

  it("sends a frame again when the BIOS reports a CRC error", async () => {
    const { fake, port } = await connect(litexFlow.baud);
    const board = bios(fake, (frame, attempt) => (frame === 1 && attempt === 0 ? "C" : "K"));
    expect(await exchange(litexScript(image, litexFlow, 0x4000_0000), port, board)).toBeUndefined();
  });

  it("stops at a frame the BIOS rejects, saying how much was sent", async () => {
    const { fake, port } = await connect(litexFlow.baud);
    const error = await exchange(litexScript(image, litexFlow, 0x4000_0000), port, bios(fake, (frame) => (frame === 1 ? "E" : "K")));
    expect(error?.message).toBe(
      'the board rejected LOAD frame: 251 bytes at 0x400000fb: it answered "E" (45): the BIOS timed out in the middle of the frame (E)\nOnly 502 of 700 bytes of the image were sent: the board holds a partial image; reset it before trying again.',
    );
  });

  it("stops when the BIOS answers something SFL does not have", async () => {
    const { fake, port } = await connect(litexFlow.baud);
    const error = await exchange(litexScript(image, litexFlow, 0x4000_0000), port, bios(fake, () => "?"));
    expect(error?.message).toMatch(/^the board rejected LOAD frame: 251 bytes at 0x40000000: it answered "\?" \(3f\): an answer the protocol does not have\nOnly 251 of 700/);
  });

  it("says so when the BIOS stops answering mid-way", async () => {
    const { fake, port } = await connect(litexFlow.baud);
    const error = await exchange(litexScript(image, litexFlow, 0x4000_0000), port, bios(fake, (frame) => (frame === 2 ? "" : "K")));
    expect(error?.message).toMatch(/^the board stopped answering: no acknowledgement of LOAD frame: 198 bytes at 0x400001f6 within 1\.5 s/);
    expect(error?.message).toMatch(/All 700 bytes of the image were sent, but the board did not confirm them/);
  });

  it("computes CRC-16/XMODEM as the BIOS checks it", () => {
    expect(crc16(new TextEncoder().encode("123456789"))).toBe(0x31c3);
  });
});
