/**
 * A pseudo-terminal for the serial flashing tests, and a fake board on its
 * far side. Node cannot open a pty by itself, so a few lines of Python (found
 * through the toolchain resolver) open one, print the path of its terminal
 * side, and relay bytes between the controlling side and their stdin/stdout:
 * the code under test opens the path like a USB serial port, and the test
 * plays the board on the pipes.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { requireTool } from "../generator/toolchain/resolve.ts";

const RELAY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)  # no echo or line editing before the flasher's stty runs
sys.stdout.write(os.ttyname(slave) + "\\n"); sys.stdout.flush()
out, inp = sys.stdout.fileno(), sys.stdin.fileno()
while True:
    ready, _, _ = select.select([master, inp], [], [])
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if data:
            os.write(out, data)
    if inp in ready:
        data = os.read(inp, 65536)
        if not data:
            break
        os.write(master, data)
`;

export class FakeBoard {
  /** Everything the flasher sent. */
  received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  private constructor(
    readonly path: string,
    private readonly relay: ChildProcessByStdio<Writable, Readable, null>,
  ) {
    relay.stdout.on("data", (d: Buffer) => {
      this.received = Buffer.concat([this.received, d]);
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    });
  }

  static async open(): Promise<FakeBoard> {
    const relay = spawn(requireTool("python3").path, ["-u", "-c", RELAY], { stdio: ["pipe", "pipe", "inherit"] });
    const path = await new Promise<string>((resolve, reject) => {
      let text = "";
      const onData = (d: Buffer) => {
        text += d.toString("latin1");
        const nl = text.indexOf("\n");
        if (nl >= 0) {
          relay.stdout.off("data", onData);
          resolve(text.slice(0, nl));
        }
      };
      relay.stdout.on("data", onData);
      relay.on("error", reject);
      relay.on("exit", (code) => reject(new Error(`the pty relay exited with ${code}`)));
    });
    return new FakeBoard(path, relay);
  }

  /** The board says something. */
  say(data: string | Uint8Array): void {
    this.relay.stdin.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Waits until the flasher has sent at least `count` bytes in all (or `text` appears); fails after `ms`. */
  async until(test: number | string, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    const met = () => (typeof test === "number" ? this.received.length >= test : this.received.includes(Buffer.from(test, "latin1")));
    while (!met()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake board: waited ${ms} ms for ${JSON.stringify(test)}; got ${this.received.length} bytes`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private cursor = 0;

  /** The next `n` bytes the flasher sent, in order, waiting for them up to `ms`. */
  async read(n: number, ms = 5_000): Promise<Buffer> {
    await this.until(this.cursor + n, ms);
    const bytes = this.received.subarray(this.cursor, this.cursor + n);
    this.cursor += n;
    return Buffer.from(bytes);
  }

  /** Forgets what was received so far. */
  take(): Buffer {
    const all = this.received;
    this.received = Buffer.alloc(0);
    this.cursor = 0;
    return all;
  }

  close(): void {
    this.relay.stdin.end();
    this.relay.kill();
  }
}
