/**
 * `phase3 run <spec>`: build, boot in QEMU, show each partition's console
 * lines prefixed (and coloured on a terminal) and the hypervisor's set
 * apart, then one line per partition and the system's status, which is also
 * the exit code. `--trace <file>` boots the trace firmware instead and writes
 * the run's timeline as Chrome trace JSON (sim/trace.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { summarize, type ConsoleLine, type PartitionSummary } from "../../../sim/console.ts";
import { describeStatus } from "../../../sim/exit.ts";
import { runImage, type RunResult } from "../../../sim/qemu.ts";
import { chromeTrace, parseTraceRecord, traceContext, type TraceRecord } from "../../../sim/trace.ts";
import { makeErrors, runMake } from "../../pipeline/make/make.ts";
import { findTool, installCommand, TOOLS } from "../../toolchain/resolve.ts";
import { secondsOption, specArgument, stringOption } from "../args.ts";
import { UsageError, type Command } from "../command.ts";
import { gdbHint } from "../gdb-hint.ts";
import { paint, PARTITION_COLORS, shown, step, timedStep, UserError, type Color } from "../output.ts";
import type { Built } from "../../pipeline/index.ts";
import { buildSystem } from "../show-build.ts";

export const command: Command = {
  usage: "run <spec> [--out <dir>] [--timeout <seconds>] [--gdb] [--gdb-port <port>] [--icount] [--trace <file.json>]",
  options: {
    out: { type: "string" },
    timeout: { type: "string" },
    gdb: { type: "boolean", default: false },
    "gdb-port": { type: "string" },
    icount: { type: "boolean", default: false },
    trace: { type: "string" },
  },
  run: (invocation) =>
    run(specArgument(invocation, "run"), {
      outDir: stringOption(invocation, "out"),
      timeoutSeconds: secondsOption(invocation, "timeout", 60),
      gdb: invocation.options.gdb === true || invocation.options["gdb-port"] !== undefined,
      gdbPort: portOption(stringOption(invocation, "gdb-port")),
      icount: invocation.options.icount === true,
      trace: stringOption(invocation, "trace"),
    }),
};

export interface RunCommandOptions {
  outDir?: string;
  timeoutSeconds: number;
  gdb: boolean;
  gdbPort?: number;
  icount: boolean;
  /** Where to write the run's timeline (Chrome trace JSON). */
  trace?: string;
}

export const GDB_PORT = 1234;
/** The exit code of a run ended by Ctrl-C, as shells report it. */
const INTERRUPTED = 130;

function portOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--gdb-port must be a TCP port from 1 to 65535, not "${raw}"`);
  return port;
}

function count(n: number, word: string): string {
  return n === 0 ? `no ${word}s` : `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One line per partition: how it ended, its faults and restarts. */
export function summaryLine(s: PartitionSummary, width: number): string {
  const outcome = s.exitCode !== undefined ? `exit code ${s.exitCode}` : s.stopped ? "stopped by a fault" : "still running when the run ended";
  return `${s.name.padEnd(width)}  ${outcome}, ${count(s.faults, "fault")}, ${count(s.restarts, "restart")}`;
}

function hypervisorColor(line: Extract<ConsoleLine, { kind: "hypervisor" }>): Color {
  switch (line.event?.type) {
    case "fault":
    case "stopped":
      return "red";
    case "restart":
      return "yellow";
    default:
      return "dim";
  }
}

export async function run(specFile: string, options: RunCommandOptions): Promise<number> {
  if (options.trace !== undefined) checkWritable(options.trace);
  const outcome = await buildSystem(specFile, { outDir: options.outDir });
  if (!outcome.ok) return 1;
  const { built } = outcome;
  const { system } = built.spec;
  const names = Object.keys(system.partitions);
  if (!system.board.emulator) throw new UserError(`${system.board.name} has no QEMU model: flash it with \`phase3 flash\` instead`);
  const elf = options.trace === undefined ? built.elf : await buildTraceFirmware(built);
  if (!elf) return 1;

  const gdbPort = options.gdb ? (options.gdbPort ?? GDB_PORT) : undefined;
  if (gdbPort !== undefined) {
    const gdb = findTool("gdb");
    const hint = gdbHint({ model: built.model, xlen: system.board.isa.xlen, outDir: built.outDir, elf: built.elf, port: gdbPort, gdb });
    step(`${system.name}: ${hint[0]}`);
    console.log(hint.slice(1).join("\n"));
    if (!gdb) console.log(paint(`gdb is not installed here; get it with: ${installCommand([TOOLS.gdb.debianPackage])} (or npm run setup)`, "yellow"));
  }
  // A fault report is several hypervisor lines; they keep the colour of the line that opened it.
  let blockColor: Color = "dim";
  const show = (line: ConsoleLine) => {
    if (line.kind === "partition") {
      const color = PARTITION_COLORS[Math.max(0, names.indexOf(line.partition)) % PARTITION_COLORS.length];
      console.log(`${paint(`[${line.partition}]`, color)} ${line.text}`);
    } else if (line.kind === "hypervisor") {
      if (!line.text.startsWith(" ")) blockColor = hypervisorColor(line);
      console.log(paint(`[phase3] ${line.text}`, blockColor));
    } else if (line.kind === "other") {
      console.log(line.text);
    }
  };

  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const started = performance.now();
  step(`${system.name}: booting on ${system.board.name} in QEMU${options.icount ? " (counting instructions: -icount)" : ""}`);
  // What is typed goes to the partition that owns console input (the UART's
  // receiver); with no owner, stdin is left alone.
  const ownsInput = Object.values(system.partitions).some((p) => p.consoleInput === true);
  const result = await runImage({
    board: system.board,
    elf,
    timeoutMs: gdbPort !== undefined ? 24 * 3600_000 : options.timeoutSeconds * 1000,
    icount: options.icount,
    gdbPort,
    onLine: show,
    signal: interrupt.signal,
    ...(ownsInput ? { input: process.stdin } : {}),
  }).finally(() => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // a stdin that was read keeps Node alive: let it go
    if (ownsInput) process.stdin.destroy();
  });
  if (result.stderr.trim()) console.error(paint(result.stderr.trim(), "yellow", process.stderr));

  const width = Math.max(...names.map((n) => n.length));
  for (const s of summarize(names, result.lines)) console.log(paint(`  ${summaryLine(s, width)}`, "dim"));
  if (options.trace !== undefined) writeTrace(options.trace, built, result, options.icount);
  if (interrupt.signal.aborted) {
    step(`${system.name}: stopped QEMU (interrupted)`, started);
    return INTERRUPTED;
  }
  const verdict = result.timedOut
    ? `timed out after ${options.timeoutSeconds}s: status ${result.status} (raise it with --timeout <seconds>)`
    : `status ${result.status}: ${describeStatus(result.status)}`;
  step(`${system.name}: ${verdict}`, started);
  return result.status;
}

/** `make trace`: the same firmware with trace records on the console, beside the normal images. */
async function buildTraceFirmware(built: Built): Promise<string | undefined> {
  const name = built.spec.system.name;
  const elf = path.join(built.outDir, `${name}-trace.elf`);
  const made = await timedStep(`${name}: building the trace firmware (make trace)`, () => runMake(built.outDir, ["trace"]), (m) =>
    m.ok ? `${name}: built ${shown(elf)}` : undefined,
  );
  if (made.ok) return elf;
  console.error(paint(`phase3 ${name}: the trace firmware did not build:`, "red", process.stderr));
  console.error(makeErrors(made.output, built.outDir));
  return undefined;
}

/** Before a run that may be long: the timeline must have somewhere to go. */
function checkWritable(file: string): void {
  const folder = path.dirname(path.resolve(file));
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UserError(`--trace ${file}: cannot write in ${shown(folder)} (does the folder exist?)`);
  }
}

/** Writes the run's timeline, however the run ended (a run killed at --timeout keeps what it printed). */
function writeTrace(file: string, built: Built, result: RunResult, icount: boolean): void {
  const { system } = built.spec;
  const records: TraceRecord[] = [];
  for (const line of result.lines) {
    const record = line.kind === "trace" ? parseTraceRecord(line.text) : undefined;
    if (record) records.push(record);
  }
  const trace = chromeTrace(records, traceContext(built.model, system.board.timebaseHz, icount ? "cycle" : "time"));
  const target = path.resolve(file);
  try {
    fs.writeFileSync(target, JSON.stringify(trace));
  } catch (error) {
    console.error(paint(`phase3 ${system.name}: could not write the timeline to ${shown(target)}: ${(error as Error).message}`, "red", process.stderr));
    return;
  }
  const events = trace.traceEvents.filter((e) => e.ph !== "M").length;
  step(`${system.name}: wrote the timeline to ${shown(target)} (${events} events from ${records.length} records, ${icount ? "instruction counts" : "real time"})`);
  console.log(`  open it at https://ui.perfetto.dev (Open trace file), or in chrome://tracing`);
  if (!records.length) console.log(paint("  the firmware wrote no trace records: was it built with `make trace`?", "yellow"));
}
