/**
 * A serial boot protocol as a script of steps, computed up front from the
 * image: `describeScript` prints it for `--dry-run`, `runScript` performs it
 * on a port. One script, two readers: the dry run shows exactly the bytes
 * the real run sends.
 */
import { TransferError, type Progress } from "../errors.ts";
import type { SerialPort } from "./port.ts";

/** Bytes to write. `image` marks bytes of the image itself, counted in the progress report. */
export interface SendStep {
  kind: "send";
  bytes: Uint8Array;
  what: string;
  image?: boolean;
  /** While sending, text from the board containing one of these ends the transfer: the board refused. */
  failOn?: readonly string[];
}

/** Wait until the board says `text`. */
export interface ExpectStep {
  kind: "expect";
  text: string;
  what: string;
  /** "first" waits as long as the person needs to reset the board; "reply" a short while; "transfer" until the image has gone through the UART. */
  wait: "first" | "reply" | "transfer";
  /** Text that means the board refused: ends the transfer with the board's words. */
  failOn?: readonly string[];
  /** Prompts answered while waiting: when the board says `when`, send `send`. */
  answer?: { when: string; send: Uint8Array; what: string };
  /** Checks what the board said up to `text`; returns a problem, or undefined when it is right. */
  check?: (said: string) => string | undefined;
}

/** A frame the board acknowledges with one byte (LiteX SFL). */
export interface FrameStep {
  kind: "frame";
  bytes: Uint8Array;
  what: string;
  /** Image bytes this frame carries, for the progress report. */
  imageBytes: number;
  /** Acknowledgement bytes: the one meaning success, the one meaning "send it again", and the meanings of the others. */
  ack: { ok: number; retry: number; retries: number; failures: Readonly<Record<number, string>> };
}

export type Step = SendStep | ExpectStep | FrameStep;

export interface Script {
  /** The protocol, for people: "CVA6 boot ROM UART upload". */
  protocol: string;
  baud: number;
  /** Image bytes the script sends in all. */
  imageBytes: number;
  steps: Step[];
  /** Printed before the first wait: what the person should do (reset the board). */
  prompt: string;
}

export interface Timing {
  /** How long to wait for the board's first word (the person resets it), in ms. */
  firstMs: number;
  /** How long to wait for a reply to something sent, in ms. */
  replyMs: number;
}

export const DEFAULT_TIMING: Timing = { firstMs: 60_000, replyMs: 3_000 };

/** How long `bytes` take through a UART at `baud` with 10 bits per byte (start, 8 data, stop). */
export function lineTimeMs(bytes: number, baud: number): number {
  return Math.ceil((bytes * 10 * 1000) / baud);
}

// --- the dry run ------------------------------------------------------------

const printable = (bytes: Uint8Array) =>
  Array.from(bytes)
    .map((b) => (b === 0x0a ? "\\n" : b === 0x0d ? "\\r" : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "."))
    .join("");

/** Bytes as hex, elided in the middle past `max`: "01 02 03 … 0a 0b (1200 bytes)". */
export function hexBytes(bytes: Uint8Array, max = 16): string {
  const h = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
  if (bytes.length <= max) return h(bytes);
  const half = Math.floor(max / 2);
  return `${h(bytes.subarray(0, half))} … ${h(bytes.subarray(bytes.length - half))} (${bytes.length} bytes)`;
}

function describeStep(step: Step): string[] {
  switch (step.kind) {
    case "send": {
      const text = step.bytes.length <= 16 && !step.image ? `  "${printable(step.bytes)}"` : "";
      return [`  send   ${hexBytes(step.bytes)}${text}`, `         ${step.what}`];
    }
    case "expect":
      return [
        `  wait   for "${printable(new TextEncoder().encode(step.text))}"`,
        `         ${step.what}${step.answer ? `; when it says "${step.answer.when}", send ${hexBytes(step.answer.send)} (${step.answer.what})` : ""}`,
      ];
    case "frame":
      return [`  frame  ${hexBytes(step.bytes, 24)}`, `         ${step.what}; the board answers ${String.fromCharCode(step.ack.ok)} (${hexBytes(Uint8Array.of(step.ack.ok))})`];
  }
}

/** The script as text: every byte that would be sent (long runs elided), every reply waited for. */
export function describeScript(script: Script, port: string): string[] {
  const lines = [`${script.protocol} on ${port} at ${script.baud} baud, 8N1, ${script.imageBytes} image bytes:`, `  (${script.prompt})`];
  const frames = script.steps.filter((s) => s.kind === "frame");
  // A long run of frames shows its first two and last two, with a count between.
  let frameIndex = 0;
  for (const step of script.steps) {
    if (step.kind === "frame") {
      frameIndex++;
      if (frames.length > 6 && frameIndex > 2 && frameIndex <= frames.length - 2) {
        if (frameIndex === 3) lines.push(`  … ${frames.length - 4} more frames like these, each answered ${String.fromCharCode(step.ack.ok)} …`);
        continue;
      }
    }
    lines.push(...describeStep(step));
  }
  return lines;
}

// --- the real run -----------------------------------------------------------

export interface RunEvents {
  /** A step is starting (for progress lines). */
  onStep?: (step: Step) => void;
  /** Image bytes sent so far. */
  onProgress?: (progress: Progress) => void;
}

function refusal(said: string, failOn: readonly string[] | undefined): string | undefined {
  const hit = failOn?.find((f) => said.includes(f));
  if (!hit) return undefined;
  // The board's words from the failure marker to the end of its line.
  const at = said.indexOf(hit);
  return said.slice(at, said.indexOf("\n", at) >= 0 ? said.indexOf("\n", at) : undefined).trim();
}

export async function runScript(script: Script, port: SerialPort, timing: Timing = DEFAULT_TIMING, events: RunEvents = {}): Promise<void> {
  const progress: Progress = { sent: 0, total: script.imageBytes };
  const fail = (problem: string): never => {
    throw new TransferError(problem, { ...progress });
  };
  let heardFirst = false;

  for (const step of script.steps) {
    events.onStep?.(step);
    if (step.kind === "send") {
      const before = progress.sent;
      const deadline = Date.now() + timing.replyMs + lineTimeMs(step.bytes.length, script.baud) * 2;
      await port.write(step.bytes, deadline, (written) => {
        if (step.image) {
          progress.sent = before + written;
          events.onProgress?.({ ...progress });
        }
        const refused = refusal(port.pending().toString("latin1"), step.failOn);
        if (refused) fail(`the board refused the upload while it was being sent: it said "${refused}"`);
      });
      continue;
    }

    if (step.kind === "expect") {
      const waitMs = step.wait === "first" && !heardFirst ? timing.firstMs : step.wait === "transfer" ? timing.replyMs + lineTimeMs(script.imageBytes, script.baud) * 2 : timing.replyMs;
      const deadline = Date.now() + waitMs;
      let answered = 0;
      const said = await port.waitFor(step.text, deadline, (unconsumed) => {
        const refused = refusal(unconsumed, step.failOn);
        if (refused) fail(`the board refused: it said "${refused}"`);
        if (step.answer) {
          const times = unconsumed.split(step.answer.when).length - 1;
          for (; answered < times; answered++) port.write(step.answer.send, deadline).catch(() => undefined);
        }
      });
      if (said === undefined) {
        const seconds = (waitMs / 1000).toFixed(waitMs < 10_000 ? 1 : 0);
        fail(
          heardFirst
            ? `the board stopped answering: waited ${seconds} s for ${JSON.stringify(step.text)} (${step.what}); it last said ${port.lastWords()}`
            : `no answer from the board on ${port.path} within ${seconds} s: waited for ${JSON.stringify(step.text)} (${step.what}); it said ${port.lastWords()}. ${script.prompt}`,
        );
      }
      heardFirst = true;
      const problem = step.check?.(said!);
      if (problem) fail(problem);
      continue;
    }

    // A frame: send, read one acknowledgement byte, resend on "retry".
    // Its bytes count as sent once written: the board may have stored them even if no answer comes.
    for (let attempt = 0; ; attempt++) {
      const deadline = Date.now() + timing.replyMs + lineTimeMs(step.bytes.length, script.baud) * 2;
      await port.write(step.bytes, deadline);
      if (attempt === 0) {
        progress.sent += step.imageBytes;
        events.onProgress?.({ ...progress });
      }
      const ack = await port.readByte(deadline);
      if (ack === step.ack.ok) break;
      if (ack === undefined) fail(`the board stopped answering: no acknowledgement of ${step.what} within ${(timing.replyMs / 1000).toFixed(1)} s; it last said ${port.lastWords()}`);
      if (ack === step.ack.retry && attempt < step.ack.retries) continue;
      const meaning = step.ack.failures[ack!] ?? (ack === step.ack.retry ? `asked for it again ${attempt + 1} times` : "an answer the protocol does not have");
      fail(`the board rejected ${step.what}: it answered ${JSON.stringify(String.fromCharCode(ack!))} (${hexBytes(Uint8Array.of(ack!))}): ${meaning}`);
    }
  }
}
