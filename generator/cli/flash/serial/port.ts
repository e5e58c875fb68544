/**
 * A serial port as Node can drive one without native addons: `stty` (through
 * the resolver) sets the baud rate and raw 8N1 mode, then the device is
 * opened twice, non-blocking: a tty.ReadStream owns one descriptor and
 * delivers what the board says; writes go out on the other in chunks,
 * retried while the kernel's buffer is full. Each descriptor has one owner,
 * so closing never closes the other's.
 * tty.WriteStream is not used: it writes synchronously, which would block
 * the event loop (and every timeout) while a slow UART drains.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import tty from "node:tty";
import { requireTool } from "../../../toolchain/resolve.ts";
import { FlashError } from "../errors.ts";

/** The stty settings of a boot protocol's line: raw bytes, 8 data bits, no parity, 1 stop bit, no flow control, modem lines ignored. */
export function sttyArgs(port: string, baud: number): string[] {
  return ["-F", port, String(baud), "raw", "-echo", "cs8", "-parenb", "-cstopb", "-crtscts", "-ixon", "-ixoff", "clocal"];
}

const WRITE_CHUNK = 256;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SerialPort {
  private received = Buffer.alloc(0);
  /** Everything the board said, for error messages. */
  private heard = "";
  private waiters: (() => void)[] = [];
  private closedBecause: string | undefined;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly stream: tty.ReadStream,
  ) {
    stream.on("data", (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.heard = (this.heard + chunk.toString("latin1")).slice(-4096);
      this.wake();
    });
    const closed = (why: string) => {
      this.closedBecause ??= why;
      this.wake();
    };
    stream.on("error", (error: NodeJS.ErrnoException) => closed(`the port failed (${error.code ?? error.message})`));
    stream.on("end", () => closed("the port was closed (unplugged?)"));
  }

  static open(path: string, baud: number): SerialPort {
    if (!fs.existsSync(path)) throw new FlashError(`serial port ${path} does not exist: is the board plugged in? Name its port with --port, e.g. --port /dev/ttyUSB1`);
    const stty = spawnSync(requireTool("stty").path, sttyArgs(path, baud), { encoding: "utf8", timeout: 10_000 });
    if (stty.status !== 0) {
      throw new FlashError(`cannot set up serial port ${path} at ${baud} baud: ${(stty.stderr || stty.error?.message || "stty failed").trim()}`);
    }
    const open = () => {
      try {
        return fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const hint = code === "EACCES" ? " (add yourself to the dialout group, or run with sudo)" : code === "EBUSY" ? " (another program holds it: close your terminal program)" : "";
        throw new FlashError(`cannot open serial port ${path}: ${code}${hint}`);
      }
    };
    const writeFd = open();
    if (!tty.isatty(writeFd)) {
      fs.closeSync(writeFd);
      throw new FlashError(`${path} is not a serial port (not a terminal device)`);
    }
    return new SerialPort(path, writeFd, new tty.ReadStream(open()));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private changed(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), left);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** The last things the board said, printable, for messages. */
  lastWords(max = 160): string {
    const text = this.heard.slice(-max);
    return text ? JSON.stringify(text) : "nothing";
  }

  /** Bytes received and not yet consumed. */
  pending(): Buffer {
    return this.received;
  }

  /**
   * Waits until the received text contains `text`, then consumes everything
   * up to and including it. Returns the consumed text, or undefined at the
   * deadline. `onText` sees the unconsumed text each time more arrives and
   * may act on it (answer a prompt) or throw (a failure message).
   */
  async waitFor(text: string, deadline: number, onText?: (unconsumed: string) => void): Promise<string | undefined> {
    for (;;) {
      const seen = this.received.toString("latin1");
      onText?.(seen);
      const at = seen.indexOf(text);
      if (at >= 0) {
        const consumed = seen.slice(0, at + text.length);
        this.received = this.received.subarray(Buffer.byteLength(consumed, "latin1"));
        return consumed;
      }
      this.throwIfClosed();
      if (!(await this.changed(deadline))) return undefined;
    }
  }

  /** The next byte the board sends, or undefined at the deadline. */
  async readByte(deadline: number): Promise<number | undefined> {
    for (;;) {
      if (this.received.length > 0) {
        const byte = this.received[0];
        this.received = this.received.subarray(1);
        return byte;
      }
      this.throwIfClosed();
      if (!(await this.changed(deadline))) return undefined;
    }
  }

  /** Writes all of `bytes`; `onProgress` hears how many went out so far. Fails if the port accepts nothing until the deadline. */
  async write(bytes: Uint8Array, deadline: number, onProgress?: (written: number) => void): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      this.throwIfClosed();
      try {
        const n = await new Promise<number>((resolve, reject) =>
          fs.write(this.fd, bytes, offset, Math.min(WRITE_CHUNK, bytes.length - offset), null, (error, written) => (error ? reject(error) : resolve(written))),
        );
        offset += n;
        onProgress?.(offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EAGAIN" && code !== "EWOULDBLOCK") throw new FlashError(`writing to ${this.path} failed: ${code ?? (error as Error).message}`);
        if (Date.now() > deadline) throw new FlashError(`${this.path} stopped taking bytes: the line is stuck (flow control?)`);
        await sleep(2);
      }
    }
  }

  private throwIfClosed(): void {
    if (this.closedBecause) throw new FlashError(`${this.path}: ${this.closedBecause}`);
  }

  close(): void {
    this.stream.destroy();
    fs.closeSync(this.fd);
  }
}
