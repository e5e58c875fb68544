/**
 * docs/api.md, generated: the app API reference. Everything on the page that
 * can drift comes from the source it documents:
 *
 * - the calls, their fids, fast/noreturn flags and docs from the ABI
 *   declaration (spec/abi/hypercalls.ts, through readAbi()), and each call's
 *   C signature from the generated p3_calls.h itself (the template rendered
 *   with the lowered ABI, as a build does);
 * - the result codes from the ABI's error enum, named as the C constants;
 * - the library's functions and macros from the comment + declaration pairs
 *   of firmware/app/include/phase3.h (a change of the header's shape throws,
 *   so that no entry is silently lost);
 * - the per-partition constants from p3_partition.h as rendered for an
 *   example system in both modes (every constant the template prints must
 *   have a row here, and every row must be printed).
 *
 * `npm run docs` writes it; test/unit/docs.test.ts fails when it is out of date.
 */
import fs from "node:fs";
import path from "node:path";
import { readAbi, WIDE_TYPES, type Abi, type AbiCall } from "../../pipeline/load/read-abi.ts";
import { PHASE3_ROOT } from "../../root.ts";
import { lower } from "../../pipeline/lower/index.ts";
import { render } from "../../pipeline/render/index.ts";
import { boards, defineSystem, planMemory, validate } from "../../../spec/index.ts";

export const API_DOC = path.join(PHASE3_ROOT, "docs", "api.md");
export const PHASE3_H = path.join(PHASE3_ROOT, "firmware", "app", "include", "phase3.h");
const FIRMWARE_DIR = path.join(PHASE3_ROOT, "firmware");

const rel = (file: string) => path.relative(PHASE3_ROOT, file).split(path.sep).join("/");
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const cell = (text: string) => oneLine(text).replace(/\|/g, "\\|");
/**
 * What prose from a comment sets as code, so that `*`, `_` and `<` stay as
 * written: a file path (partitions/<name>/p3_partition.c), a C name (p3_wait,
 * p3_now(), P3_MASK(id), P3_ERR_*).
 */
const C_NAME = /[\w.<>-]+(?:\/[\w.<>-]+)+\.\w+|\b(?:p3_\w+|P3_[A-Z0-9_]*[A-Z0-9_])(?:\*|\((?:[^()]|\([^()]*\))*\))?/g;
/** Text outside code spans: C names and paths become code; `<` would read as HTML. */
function codeNames(text: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(C_NAME)) {
    out += `${text.slice(at, m.index).replace(/</g, "&lt;")}\`${m[0]}\``;
    at = m.index + m[0].length;
  }
  return out + text.slice(at).replace(/</g, "&lt;");
}
/** Prose from a C or TS comment, as Markdown. */
const prose = (text: string) =>
  oneLine(text)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : codeNames(part)))
    .join("");
const fence = (lang: string, body: string) => ["```" + lang, body.replace(/^\n+|\s+$/g, ""), "```", ""];

// ---------------------------------------------------------------------------
// The generated headers, for an example system in each mode

/**
 * A system that has one of everything p3_partition.h can hold: channel ends
 * both ways, a device interrupt, console input, a shared region.
 */
function exampleSystem(h: boolean) {
  return defineSystem({
    name: "example",
    board: boards.qemuVirt({ harts: 1, ram: "64M", h }),
    partitions: {
      sensor: { app: "sensor.c", memory: "64K", hart: 0, devices: ["rtc"], consoleInput: true },
      logger: { app: "logger.c", memory: "64K", hart: 0 },
    },
    channels: {
      samples: { from: "sensor", to: "logger", msgSize: 64, depth: 16 },
      commands: { from: "logger", to: "sensor", msgSize: 16, depth: 4 },
    },
    shared: { calibration: { size: "4K", access: { sensor: "rw", logger: "r" } } },
  });
}

/** The generated files of the example system: p3_calls.h and sensor's p3_partition.h. */
function generatedHeaders(h: boolean, abi: Abi): { calls: string; partition: string } {
  const system = exampleSystem(h);
  const problems = validate(system, { fileExists: () => true });
  if (problems.length) throw new Error(`docs/api.md: the example system is not valid: ${problems.map((p) => p.message).join("; ")}`);
  const planned = planMemory(system);
  if (!planned.ok) throw new Error("docs/api.md: the example system's memory plan failed");
  const model = lower(system, planned.plan, abi, { specFile: "/example/system.ts", outDir: "/example/build", firmwareDir: FIRMWARE_DIR });
  const files = render(model);
  const text = (name: string) => {
    const file = files.get(name);
    if (typeof file !== "string") throw new Error(`docs/api.md: rendering the example did not produce ${name}`);
    return file;
  };
  return { calls: text("include/p3_calls.h"), partition: text("partitions/sensor/p3_partition.h") };
}

/** Each call's declaration line in the generated p3_calls.h, as a prototype. */
function signatures(callsHeader: string, abi: Abi): Map<string, string> {
  const found = new Map<string, string>();
  for (const call of abi.calls) {
    const line = callsHeader.split("\n").find((l) => new RegExp(`^[^\\s/*#].*\\bp3_${call.name}\\(.*\\)$`).test(l));
    if (!line) throw new Error(`docs/api.md: no declaration of p3_${call.name} in the generated p3_calls.h`);
    found.set(call.name, `${line.replace(/\bstatic inline /, "").trim()};`);
  }
  return found;
}

// ---------------------------------------------------------------------------
// The calls

function returnsText(call: AbiCall): string {
  switch (call.returns.kind) {
    case "result":
      return "the value (0 or more), or a negative `P3_ERR_*` code";
    case "status":
      return "`P3_OK`, or a negative `P3_ERR_*` code";
    case "address":
      return "`P3_OK` with the address stored in `*out`, or a negative `P3_ERR_*` code";
    case "value":
      return `a \`${call.returns.cType}\`; it cannot fail`;
    case "void":
      return "nothing";
  }
}

/** The result codes a call's doc names, checked against the enum. */
function errorsNamed(call: AbiCall, codes: Set<string>): string[] {
  const named = [...new Set(call.doc.join(" ").match(/\bP3_(?:ERR_\w+|OK)\b/g) ?? [])];
  for (const code of named) if (!codes.has(code)) throw new Error(`docs/api.md: the doc of ${call.name} names ${code}, which is not in the P3Error enum`);
  return named.filter((code) => code !== "P3_OK");
}

/** Where a call's arguments go: "a0 `ch`, a1 `msg`", with RV32's pairs for 64-bit ones. */
function argumentRegisters(call: AbiCall): string {
  if (!call.params.length) return "none";
  let reg = 0;
  const rv32: string[] = [];
  const rv64 = call.params.map((p, i) => `a${i} \`${p.name}\``);
  let differs = false;
  for (const p of call.params) {
    if (WIDE_TYPES.has(p.type)) {
      rv32.push(`a${reg}-a${reg + 1} \`${p.name}\``);
      reg += 2;
      differs = true;
    } else rv32.push(`a${reg++} \`${p.name}\``);
  }
  return differs ? `${rv64.join(", ")} (RV32: ${rv32.join(", ")}, low word first)` : rv64.join(", ");
}

function resultRegisters(call: AbiCall): string {
  switch (call.returns.kind) {
    case "result":
      return "a0 error, a1 value";
    case "status":
      return "a0 error";
    case "address":
      return "a0 error, a1 address";
    case "value":
      return WIDE_TYPES.has(call.returns.type) ? "a0 value (RV32: a0 low, a1 high word)" : "a0 value";
    case "void":
      return "does not return";
  }
}

function callSections(abi: Abi, sigs: Map<string, string>, lines: string[]): void {
  const codes = new Set(abi.errors.map((e) => errorName(e.name)));
  lines.push(
    "## Calls",
    "",
    "Each call is a `static inline` function in the generated `p3_calls.h` (included by `<phase3.h>`) that makes one `ecall`. A *fast* call is served on the short trap path (of the hypervisor, or of the kernel in microkernel mode) and never switches partitions; a fast call that must block (`p3_wait` with nothing ready) falls back to the full path, and the hart runs other partitions meanwhile. The other calls take the full path and may switch partitions.",
    "",
    "| fid | call | returns | fast |",
    "| --- | --- | --- | --- |",
  );
  for (const call of abi.calls) {
    const ret = call.noreturn ? "does not return" : `\`${call.returns.cType}\``;
    lines.push(`| ${call.fid} | [\`p3_${call.name}\`](#p3_${call.name}) | ${ret} | ${call.fast ? "yes" : "no"} |`);
  }
  lines.push("");
  for (const call of abi.calls) {
    lines.push(`### p3_${call.name}`, "", ...fence("c", sigs.get(call.name)!));
    for (const paragraph of call.doc) lines.push(prose(paragraph), "");
    const facts = [call.noreturn ? "Does not return." : `Returns ${returnsText(call)}.`];
    const errors = errorsNamed(call, codes);
    if (errors.length) facts.push(`Errors it names: ${errors.map((e) => `\`${e}\``).join(", ")}.`);
    facts.push(call.fast ? "Fast call." : "Full trap path: may switch partitions.");
    facts.push(`Function id ${call.fid}.`);
    lines.push(facts.join(" "), "");
  }
}

const errorName = (name: string) => (name === "OK" ? "P3_OK" : `P3_ERR_${name}`);

function errorSection(abi: Abi, lines: string[]): void {
  lines.push(
    "## Result codes",
    "",
    "Calls that can fail return `P3_OK` (0) or one of these negative codes, defined in the generated `p3_abi.h` (included by `<phase3.h>`). A call that returns a value returns it as a number of 0 or more, so `if (r < 0)` tells a failure.",
    "",
    "| code | value | meaning |",
    "| --- | --- | --- |",
  );
  for (const e of abi.errors) lines.push(`| \`${errorName(e.name)}\` | ${e.value} | ${cell(prose(e.doc))} |`);
  lines.push("");
}

// ---------------------------------------------------------------------------
// The library: phase3.h's comment + declaration pairs

export interface LibraryEntry {
  /** The comment before the declarations, as one line. */
  comment: string;
  /** The declarations, as written. */
  declarations: string[];
  /** What each declares: a function, macro, variable or "struct x". */
  names: string[];
}

/** Declared in phase3.h for the library's own use, not the app's: named once, in a sentence. */
const LIBRARY_INTERNALS = ["struct p3_shm_region", "p3_shm_regions", "p3_shm_count"];

function declaredName(decl: string, where: string): string {
  const macro = /^#define\s+(\w+)/.exec(decl);
  if (macro) return macro[1];
  const struct = /^struct\s+(\w+)\s*\{/.exec(decl);
  if (struct) return `struct ${struct[1]}`;
  const fn = /(\w+)\s*\(/.exec(decl);
  if (fn) return fn[1];
  const variable = /(\w+)\s*(?:\[[^\]]*\])?\s*;$/.exec(decl);
  if (variable) return variable[1];
  throw new Error(`${where}: cannot tell what this declares: ${decl}`);
}

/**
 * The header's entries: after the include guard, blocks separated by blank
 * lines, each a comment and then the declarations it describes (macros or C
 * declarations). Blocks of #include lines are skipped. Anything else throws.
 */
export function parseLibraryHeader(text: string, where = rel(PHASE3_H)): LibraryEntry[] {
  const open = /^#define PHASE3_H[ \t]*$/m.exec(text);
  const end = text.lastIndexOf("\n#endif /* PHASE3_H */");
  if (!open || end < open.index) throw new Error(`${where}: no "#define PHASE3_H" ... "#endif /* PHASE3_H */" include guard: the docs generator (generator/cli/docs/api.ts) cannot read it`);
  const body = text.slice(open.index + open[0].length, end);
  const entries: LibraryEntry[] = [];
  for (const block of body.split(/\n[ \t]*\n/).map((b) => b.trim()).filter(Boolean)) {
    const blockLines = block.split("\n");
    if (blockLines.every((l) => /^#\s*(include|if|ifdef|ifndef|endif)\b/.test(l.trim()))) continue;
    const pair = /^\/\*([\s\S]*?)\*\/\s*\n([\s\S]+)$/.exec(block);
    if (!pair) throw new Error(`${where}: every block must be a /* comment */ followed by what it describes; this one is not:\n${block}`);
    const comment = oneLine(pair[1].replace(/^\s*\* ?/gm, ""));
    const declarations: string[] = [];
    let pending = "";
    let depth = 0;
    for (const line of pair[2].split("\n")) {
      if (!pending && line.startsWith("#")) {
        if (!/^#define\s/.test(line) || line.endsWith("\\")) throw new Error(`${where}: only one-line #define macros are understood, not: ${line}`);
        declarations.push(line.trim());
        continue;
      }
      if (/^\s*(\/\*|\/\/)/.test(line)) throw new Error(`${where}: a comment in the middle of a block; separate the entries with a blank line:\n${block}`);
      pending += (pending ? "\n" : "") + line;
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      if (depth === 0 && /;\s*$/.test(line)) {
        declarations.push(pending.trim());
        pending = "";
      }
    }
    if (pending.trim()) throw new Error(`${where}: a declaration that does not end in ';':\n${pending}`);
    entries.push({ comment, declarations, names: declarations.map((d) => declaredName(d, where)) });
  }
  // belt and braces: every #define and every top-level ';' of the body is in some entry
  const defines = (body.match(/^\s*#define\s/gm) ?? []).length;
  const statements = body.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\{[^{}]*\}/g, "{}").split(";").length - 1;
  const counted = entries.reduce((n, e) => n + e.declarations.length, 0);
  if (counted !== defines + statements) throw new Error(`${where}: read ${counted} declarations but the header has ${defines} #defines and ${statements} declarations: the docs generator (generator/cli/docs/api.ts) no longer understands its shape`);
  return entries;
}

function librarySection(lines: string[]): void {
  const entries = parseLibraryHeader(fs.readFileSync(PHASE3_H, "utf8"));
  const internal = entries.filter((e) => e.names.every((n) => LIBRARY_INTERNALS.includes(n)));
  const seen = internal.flatMap((e) => e.names);
  for (const name of LIBRARY_INTERNALS) if (!seen.includes(name)) throw new Error(`docs/api.md: ${name} is no longer declared on its own in ${rel(PHASE3_H)}: update LIBRARY_INTERNALS in generator/cli/docs/api.ts`);
  lines.push(
    "## Library functions and macros",
    "",
    `The Phase3 library, linked into every app, owns the entry point (it sets up the stack, clears .bss, calls \`main\` and passes its return value to \`p3_exit\`) and provides these, declared in \`${rel(PHASE3_H)}\`:`,
    "",
  );
  for (const entry of entries) {
    if (internal.includes(entry)) continue;
    lines.push(...fence("c", entry.declarations.join("\n")), prose(entry.comment), "");
  }
  const names = internal.flatMap((e) => e.names).map((n) => `\`${n}\``);
  const list = `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);
  lines.push(`The header also declares ${list}, for the library's own use: ${internal.map((e) => prose(lowerFirst(e.comment))).join(" ")} Apps call \`p3_shm\`.`, "");
}

// ---------------------------------------------------------------------------
// The per-partition constants

/** What p3_partition.h can define; `<NAME>` is a channel's or region's name, `<DEVICE>` a device's, in capitals. */
const PARTITION_CONSTANTS: { pattern: string; meaning: string }[] = [
  { pattern: "P3_PARTITION_NAME", meaning: 'The partition\'s name, a string: `"sensor"`.' },
  { pattern: "P3_PARTITION_ID", meaning: "The partition's id: its position in the spec's `partitions`, from 0." },
  { pattern: "P3_MODE_HYPERVISOR", meaning: "Defined (as 1) when the app runs in VS-mode behind G-stage page tables: a board with the hypervisor extension." },
  { pattern: "P3_MODE_MICROKERNEL", meaning: "Defined (as 1) when the app runs in U-mode behind PMP: a board without it (or `h: false`). Exactly one of the two is defined." },
  { pattern: "P3_CHAN_<NAME>", meaning: "The id of this partition's end of channel `name`, for `p3_send`/`p3_recv` and their zero-copy forms, `p3_notify`, and `P3_MASK` in `p3_wait`. Only for channels it sends or receives on." },
  { pattern: "P3_CHAN_<NAME>_MSG_SIZE", meaning: "That channel's largest message, in bytes (`msgSize`)." },
  { pattern: "P3_CHAN_<NAME>_DEPTH", meaning: "How many messages its queue holds (`depth`)." },
  { pattern: "P3_IRQ_<DEVICE>", meaning: "A granted device's interrupt (`P3_IRQ_<DEVICE>_<k>` when it has several lines): a source for `p3_wait`, the id for `p3_irq_ack`." },
  { pattern: "P3_CONSOLE", meaning: "Console input, for the partition with `consoleInput: true`: a source for `p3_wait`; read it with `p3_read`." },
  { pattern: "P3_SHM_<NAME>", meaning: "The id of shared region `name`, for `p3_shm`. Only for regions this partition maps." },
];

const patternRegex = (pattern: string) => new RegExp(`^${pattern.replace(/<[A-Z]+>/g, "[A-Z0-9_]+")}$`);

function constantsSection(headers: string[], lines: string[]): void {
  const defined = [...new Set(headers.flatMap((h) => [...h.matchAll(/^#define\s+(\w+)/gm)].map((m) => m[1])))].filter((n) => n !== "P3_PARTITION_H");
  for (const name of defined) {
    if (!PARTITION_CONSTANTS.some((c) => patternRegex(c.pattern).test(name))) throw new Error(`docs/api.md: p3_partition.h defines ${name}, which PARTITION_CONSTANTS in generator/cli/docs/api.ts does not describe`);
  }
  for (const c of PARTITION_CONSTANTS) {
    if (!defined.some((name) => patternRegex(c.pattern).test(name))) throw new Error(`docs/api.md: p3_partition.h no longer defines ${c.pattern}: update PARTITION_CONSTANTS in generator/cli/docs/api.ts`);
  }
  lines.push(
    "## Per-partition constants",
    "",
    "`<phase3.h>` includes `p3_partition.h`, generated for each partition from the spec: an app names its channels, interrupts and regions by these constants, never by numbers. Names are the spec's, in capitals. The wait sources (channel ends, interrupts, console input) are numbered per partition from 0, channels in spec order, then interrupts, then the console: an id means nothing to another partition.",
    "",
    "| constant | |",
    "| --- | --- |",
  );
  for (const c of PARTITION_CONSTANTS) lines.push(`| \`${c.pattern}\` | ${cell(c.meaning)} |`);
  lines.push("", "For example, a partition `sensor` that sends on channel `samples`, receives on `commands`, is granted the `rtc` device, reads the console and maps the shared region `calibration` gets, in hypervisor mode:", "");
  const body = headers[0].split("\n").filter((l) => !/^#(ifndef|endif)\b|^#define P3_PARTITION_H\b|^\/\* (Generated|Constants of)/.test(l));
  lines.push(...fence("c", body.join("\n").replace(/\n{3,}/g, "\n\n").trim()));
}

// ---------------------------------------------------------------------------
// The ABI itself

function abiSection(abi: Abi, lines: string[]): void {
  const extensionId = `0x${abi.extensionId.toString(16).padStart(8, "0")}`;
  lines.push(
    "## The ABI, for your own stubs",
    "",
    "The stubs above are all an app needs. To call Phase3 from assembly or another language, make the `ecall` yourself, from the partition's own mode (VS-mode in hypervisor mode, U-mode in microkernel mode). It is shaped like an SBI call:",
    "",
    "| register | in | out |",
    "| --- | --- | --- |",
    `| a7 | the extension id, \`${extensionId}\` (\`P3_EXTENSION_ID\`) | clobbered |`,
    "| a6 | the function id, `P3_FID_<CALL>` (the table below) | clobbered |",
    "| a0-a4 | the arguments, in order, at most five; on RV32 a 64-bit argument takes two, low word first | a0: the result code (`P3_OK` or `P3_ERR_*`), a1: the value |",
    "| a5 | not an argument | clobbered |",
    "",
    "Unlike an SBI call, a Phase3 call follows the C calling convention: it may change every caller-saved register (ra, t0-t6, a0-a7) and keeps every callee-saved one (sp, gp, tp, s0-s11). An inline-assembly stub must tell its compiler so; `p3_ecall0` to `p3_ecall5` in `firmware/app/include/p3_ecall.h` do exactly that, and the generated stubs are built on them.",
    "",
    `A function id that names no call returns \`P3_ERR_NOT_SUPPORTED\`. This is version ${abi.version} of the ABI (\`P3_ABI_VERSION\`, which \`p3_version\` returns); the version is raised when a call changes incompatibly.`,
    "",
    "| a6 | call | arguments | results |",
    "| --- | --- | --- | --- |",
  );
  for (const call of abi.calls) lines.push(`| ${call.fid} | \`p3_${call.name}\` | ${argumentRegisters(call)} | ${resultRegisters(call)} |`);
  lines.push("");
}

// ---------------------------------------------------------------------------
// The tutorial

const TUTORIAL_SPEC = String.raw`import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "relay",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    producer: { app: "producer.c", memory: "64K", hart: 0 },
    consumer: { app: "consumer.c", memory: "64K", hart: 0 },
  },
  channels: {
    readings: { from: "producer", to: "consumer", msgSize: 4, depth: 2 },
  },
});`;

const TUTORIAL_PRODUCER = String.raw`/* producer: sends five readings to the consumer on channel "readings". */
#include <phase3.h>

int main(void)
{
    for (uint32_t i = 1; i <= 5; i++) {
        uint32_t reading = i * i;
        int err;
        /* p3_send never blocks: while the queue is full, let the consumer run */
        while ((err = p3_send(P3_CHAN_READINGS, &reading, sizeof reading)) == P3_ERR_FULL)
            p3_yield();
        if (err != P3_OK)
            return 1;
    }
    return 0;
}`;

const TUTORIAL_CONSUMER = String.raw`/* consumer: receives the five readings, sleeping in p3_wait until each comes. */
#include <phase3.h>

#ifdef P3_MODE_HYPERVISOR
#define MODE "hypervisor"
#else
#define MODE "microkernel"
#endif

int main(void)
{
    uint32_t sum = 0;
    for (int got = 0; got < 5;) {
        uint32_t reading;
        long n = p3_recv(P3_CHAN_READINGS, &reading, sizeof reading);
        if (n == P3_ERR_AGAIN) {
            /* the queue is empty: sleep until a message comes, or a second passes */
            if (p3_wait(P3_MASK(P3_CHAN_READINGS), p3_now() + P3_MS(1000)) == 0) {
                p3_puts("no reading for a second");
                return 1;
            }
            continue;
        }
        if (n != sizeof reading)
            return 2;
        p3_printf("reading %d: %u\n", got++, reading);
        sum += reading;
    }
    p3_printf("sum %u, in %s mode\n", sum, MODE);
    return 0;
}`;

const TUTORIAL_MICROKERNEL = String.raw`import { boards, defineSystem } from "phase3";
import relay from "./system.ts";

export default defineSystem({ ...relay, board: boards.qemuVirt({ harts: 1, ram: "64M", h: false }) });`;

function tutorial(lines: string[]): void {
  lines.push(
    "## Your first app, step by step",
    "",
    "Two partitions, each running its own app: a `producer` sends readings over a channel to a `consumer`, which sleeps in `p3_wait` until each arrives. The folder `../relay` sits beside the checkout; `npx phase3 new ../relay` would also give it a `package.json` and `tsconfig.json` for your editor (see [getting started](getting-started.md#3-a-project-of-your-own)).",
    "",
    "The spec, `../relay/system.ts`, names the partitions, their apps, and the channel from one to the other: messages of at most 4 bytes, 2 in flight.",
    "",
    ...fence("ts file=../relay/system.ts", TUTORIAL_SPEC),
    "The producer: `P3_CHAN_READINGS` comes from the spec. `p3_send` copies the message into the channel's queue and never blocks; when the queue is full it returns `P3_ERR_FULL`, and the producer yields the hart.",
    "",
    ...fence("c file=../relay/producer.c", TUTORIAL_PRODUCER),
    "The consumer: `p3_recv` returns `P3_ERR_AGAIN` while the queue is empty; `p3_wait` then sleeps until the channel has a message (the hart runs the producer meanwhile) or the deadline passes, which it reports by returning 0.",
    "",
    ...fence("c file=../relay/consumer.c", TUTORIAL_CONSUMER),
    "Build and run it in QEMU:",
    "",
    ...fence("sh", "npx phase3 run ../relay/system.ts"),
    "The consumer's lines, and the system's status (which is also `phase3 run`'s exit code):",
    "",
    ...fence(
      "text expect=output",
      ["[consumer] reading 0: 1", "[consumer] reading 1: 4", "[consumer] reading 2: 9", "[consumer] reading 3: 16", "[consumer] reading 4: 25", "[consumer] sum 55, in hypervisor mode", "[phase3] all partitions have stopped: system status 0"].join("\n"),
    ),
    "The same apps run unchanged in microkernel mode, in U-mode behind PMP, on a core without the hypervisor extension. The same spec with `h: false`, `../relay/system.noh.ts`:",
    "",
    ...fence("ts file=../relay/system.noh.ts", TUTORIAL_MICROKERNEL),
    ...fence("text", "npx phase3 run ../relay/system.noh.ts   # ... [consumer] sum 55, in microkernel mode"),
  );
}

// ---------------------------------------------------------------------------

export function renderApiDocs(): string {
  const abi = readAbi();
  const hypervisor = generatedHeaders(true, abi);
  const microkernel = generatedHeaders(false, abi);
  if (hypervisor.calls !== microkernel.calls) throw new Error("docs/api.md: p3_calls.h differs between the modes; the page shows one");
  const lines: string[] = [
    "# The app API",
    "",
    `<!-- Generated by \`npm run docs\` (generator/cli/docs/api.ts) from spec/abi/hypercalls.ts, ${rel(PHASE3_H)} and the templates of the generated headers. Do not edit: change those and run it again. -->`,
    "",
    "An app is a plain C program, `int main(void)` against `<phase3.h>`, with no operating system underneath: the calls, library functions and constants on this page are its whole world. Its return value is the partition's exit code. The API is the same in both modes, hypervisor and microkernel.",
    "",
    "Contents: [Your first app](#your-first-app-step-by-step) · [Calls](#calls) · [Result codes](#result-codes) · [Library functions and macros](#library-functions-and-macros) · [Per-partition constants](#per-partition-constants) · [The ABI](#the-abi-for-your-own-stubs)",
    "",
  ];
  tutorial(lines);
  callSections(abi, signatures(hypervisor.calls, abi), lines);
  errorSection(abi, lines);
  librarySection(lines);
  constantsSection([hypervisor.partition, microkernel.partition], lines);
  abiSection(abi, lines);
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
