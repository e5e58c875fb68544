/**
 * Builds and runs the hypercall fuzzer (test/hostile/fuzz.ts) with a seed and
 * a call count, and says what went wrong, if anything. The test suite runs
 * 100,000 calls; a longer run is one call away:
 *
 *     import { runFuzz } from "./test/hostile/run-fuzz.ts";
 *     const run = await runFuzz({ outDir: "bench/.out/fuzz-long", calls: 2_000_000, seed: 42n });
 *     if (run.problems.length) throw new Error(run.problems.join("\n"));
 *
 * The seed is compiled in (include/fuzz_config.h in the build folder), and
 * the fuzzer prints it first: a failing run repeats exactly with the same seed
 * and count (under -icount, instruction for instruction on one hart; the two
 * harts interleave as QEMU schedules them).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOrThrow } from "../build.ts";
import { checkIsolation, formatIsolation } from "../../sim/isolation/index.ts";
import { runImage, type RunResult } from "../../sim/qemu.ts";

export const FUZZ_SPEC = fileURLToPath(new URL("./fuzz.ts", import.meta.url));
export const DEFAULT_SEED = 0x5eedn;
export const DEFAULT_CALLS = 100_000;

export interface FuzzOptions {
  /** The build folder (created if missing). */
  outDir: string;
  /** The generator's seed (64 bits). Default DEFAULT_SEED. */
  seed?: bigint;
  /** How many calls to make. Default DEFAULT_CALLS. */
  calls?: number;
  /** Kill QEMU after this long. Default: 60 s plus 30 s per million calls. */
  timeoutMs?: number;
}

export interface FuzzRun {
  seed: bigint;
  calls: number;
  result: RunResult;
  /** The console, as "[who] text" lines. */
  lines: string[];
  /** Every invariant the run broke, in words; empty when all held. */
  problems: string[];
}

/** A seed from the environment: FUZZ_SEED=<number> (decimal or 0x...), or "random". */
export function seedFromEnv(value = process.env.FUZZ_SEED): bigint {
  if (!value) return DEFAULT_SEED;
  if (value === "random") return randomBytes(8).readBigUInt64LE();
  return BigInt.asUintN(64, BigInt(value));
}

/** The seed and the number of calls, in a header the fuzzer's build includes. */
export function writeFuzzConfig(outDir: string, seed: bigint, calls: number, writer: string): void {
  const config = path.join(outDir, "include", "fuzz_config.h");
  const text = `/* Written by ${writer} for this build. */\n#define FUZZ_SEED 0x${seed.toString(16)}ULL\n#define FUZZ_CALLS ${calls}UL\n`;
  if (!fs.existsSync(config) || fs.readFileSync(config, "utf8") !== text) fs.writeFileSync(config, text);
}

export async function buildFuzz(options: FuzzOptions): Promise<{ elf: string; board: Parameters<typeof runImage>[0]["board"] }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const calls = options.calls ?? DEFAULT_CALLS;
  const built = await buildOrThrow(FUZZ_SPEC, options.outDir, (outDir) => writeFuzzConfig(outDir, seed, calls, "test/hostile/run-fuzz.ts"));
  const system = built.spec.system;
  const elf = built.elf;
  const isolation = checkIsolation(elf, system);
  if (isolation.problems.length) throw new Error(`${elf} is not isolated as its spec says:\n${formatIsolation(isolation)}`);
  return { elf, board: system.board };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const seed = options.seed ?? DEFAULT_SEED;
  const calls = options.calls ?? DEFAULT_CALLS;
  const built = await buildFuzz({ ...options, seed, calls });
  const timeoutMs = options.timeoutMs ?? 60_000 + Math.ceil(calls / 1_000_000) * 30_000;
  const result = await runImage({ board: built.board, elf: built.elf, timeoutMs, icount: true });
  const lines = result.lines.map((l) => (l.kind === "partition" ? `[${l.partition}] ${l.text}` : l.kind === "hypervisor" ? `[phase3] ${l.text}` : l.text));
  return { seed, calls, result, lines, problems: fuzzProblems(lines, result, seed, calls) };
}

/** What must hold after a fuzz run. */
export function fuzzProblems(lines: string[], result: RunResult, seed: bigint, calls: number): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${what} (seed 0x${seed.toString(16)}, ${calls} calls)`);
  if (result.timedOut) say("the run timed out");
  if (!lines.includes(`[fuzzer] fuzz seed 0x${seed.toString(16)}, ${calls} calls`)) say("the fuzzer did not print its seed");
  for (const l of lines.filter((x) => /^\[phase3\] (firmware fault|fault in partition)/.test(x))) say(`unexpected: ${l}`);
  const done = lines.find((l) => l.startsWith("[fuzzer] fuzz done: "));
  if (!done) say("the fuzzer did not finish");
  else if (!new RegExp(`^\\[fuzzer\\] fuzz done: ${calls} calls, \\d+ Phase3 \\(\\d+ ok, \\d+ errors, 0 unknown results\\), \\d+ SBI; guards intact$`).test(done)) say(`the fuzzer saw something wrong: ${done}`);
  const sent = lines.find((l) => l.startsWith("[ping_a] sent "));
  const received = lines.find((l) => l.startsWith("[pong_a] received "));
  const sum = (l: string | undefined) => (l ? /checksum ([0-9a-f]{8})/.exec(l)?.[1] : undefined);
  if (!sent || !/^\[ping_a\] sent 200 messages/.test(sent)) say(`ping_a did not send everything: ${sent ?? "no line"}`);
  if (!received || !/^\[pong_a\] received 200 messages, 0 bad,/.test(received)) say(`pong_a did not receive everything intact: ${received ?? "no line"}`);
  if (sum(sent) === undefined || sum(sent) !== sum(received)) say(`the checksums differ: ${sum(sent)} sent, ${sum(received)} received`);
  if (result.status !== 0) say(`the system ended with status ${result.status}`);
  return problems;
}
