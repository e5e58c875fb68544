/**
 * `phase3 run <spec>`: build, boot in QEMU, show each partition's console
 * lines prefixed (and coloured on a terminal), and exit with the system's
 * status.
 */
import { summarize, type ConsoleLine } from "../../../sim/console.ts";
import { describeStatus } from "../../../sim/exit.ts";
import { runImage } from "../../../sim/qemu.ts";
import { findTool } from "../../toolchain/resolve.ts";
import { secondsOption, specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { paint, PARTITION_COLORS, shown, step, UserError } from "../output.ts";
import { buildSystem } from "./build.ts";

export const command: Command = {
  usage: "run <spec> [--out <dir>] [--timeout <seconds>] [--gdb] [--icount]",
  options: {
    out: { type: "string" },
    timeout: { type: "string" },
    gdb: { type: "boolean", default: false },
    icount: { type: "boolean", default: false },
  },
  run: (invocation) =>
    run(specArgument(invocation, "run"), {
      outDir: stringOption(invocation, "out"),
      timeoutSeconds: secondsOption(invocation, "timeout", 60),
      gdb: invocation.options.gdb === true,
      icount: invocation.options.icount === true,
    }),
};

export interface RunCommandOptions {
  outDir?: string;
  timeoutSeconds: number;
  gdb: boolean;
  icount: boolean;
}

export const GDB_PORT = 1234;

export async function run(specFile: string, options: RunCommandOptions): Promise<number> {
  const built = await buildSystem(specFile, { outDir: options.outDir });
  if (!built) return 1;
  const { system } = built.spec;
  const names = Object.keys(system.partitions);
  if (!system.board.emulator) throw new UserError(`${system.board.name} has no QEMU model: flash it with \`phase3 flash\` instead`);

  if (options.gdb) {
    const gdb = findTool("gdb");
    step(`${system.name}: QEMU is waiting for a debugger on port ${GDB_PORT}; in another terminal run:`);
    console.log(`    ${gdb ? gdb.path.split("/").pop() : "gdb-multiarch"} -q ${shown(built.elf)} -ex 'target remote localhost:${GDB_PORT}'`);
  }
  const started = performance.now();
  step(`${system.name}: booting on ${system.board.name} in QEMU`);
  const show = (line: ConsoleLine) => {
    if (line.kind === "partition") {
      const color = PARTITION_COLORS[Math.max(0, names.indexOf(line.partition)) % PARTITION_COLORS.length];
      console.log(`${paint(`[${line.partition}]`, color)} ${line.text}`);
    } else if (line.kind === "hypervisor") {
      console.log(paint(`[phase3] ${line.text}`, line.event?.type === "fault" ? "red" : "dim"));
    } else {
      console.log(line.text);
    }
  };
  const result = await runImage({
    board: system.board,
    elf: built.elf,
    timeoutMs: options.gdb ? 24 * 3600_000 : options.timeoutSeconds * 1000,
    icount: options.icount,
    gdbPort: options.gdb ? GDB_PORT : undefined,
    onLine: show,
  });
  if (result.stderr.trim()) console.error(paint(result.stderr.trim(), "yellow", process.stderr));
  for (const s of summarize(names, result.lines)) {
    const outcome = s.exitCode !== undefined ? `exited with ${s.exitCode}` : s.stopped ? "stopped by a fault" : "did not finish";
    console.log(paint(`  ${s.name.padEnd(16)} ${outcome}${s.faults ? `, ${s.faults} fault(s)` : ""}`, "dim"));
  }
  const verdict = result.timedOut ? `timed out after ${options.timeoutSeconds}s` : `status ${result.status}: ${describeStatus(result.status)}`;
  step(`${system.name}: ${verdict}`, started);
  return result.status;
}
