/**
 * The benchmark harness on QEMU: the bare-metal floor counts exactly what it
 * runs, and two runs give identical counts. One cheap benchmark system stands
 * for the suite (the suite itself runs with `npm run bench`).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BenchError } from "../../sim/bench/errors.ts";
import { buildFloor, runFloor } from "../../sim/bench/floor.ts";
import { runBenchmarkSystem } from "../../sim/bench/harness.ts";
import { FIXTURES, outDir, ROOT } from "../helpers.ts";

describe("benchmark harness", () => {
  it("counts four nops as four instructions, on the floor, twice the same", async () => {
    const elf = buildFloor(path.join(ROOT, "bench", "floor"), outDir("bench"));
    const first = await runFloor(elf);
    const second = await runFloor(elf);
    expect(second).toEqual(first);
    const calibration = first.find((f) => f.name === "calibration_4_nops");
    // 1000 runs of (4 nops, addi, bnez) against 1000 of (addi, bnez): the empty loop is subtracted exactly
    expect(calibration?.loop).toEqual({ n: 1000, total: 6002, empty: 2001 });
    expect(calibration?.value).toBe(4);
    expect(first.map((f) => f.name)).toEqual(expect.arrayContaining(["vs_ecall_roundtrip", "s_ecall_roundtrip", "hs_device_interrupt"]));
  });

  it("gives identical counts for a Phase3 benchmark system in two runs", async () => {
    // bench/irq: a device interrupt under -rtc clock=vm, the least obviously deterministic figure
    const spec = { bench: "irq", variant: "", spec: path.join(ROOT, "bench", "irq", "system.ts") };
    const first = await runBenchmarkSystem(spec, outDir("bench"));
    const second = await runBenchmarkSystem(spec, outDir("bench"));
    expect(first.figures.length).toBeGreaterThan(0);
    expect(second.figures).toEqual(first.figures);
    expect(first.figures.find((f) => f.name === "device_irq_to_wakeup")?.loop?.n).toBe(200);
  });

  it("says why a benchmark system does not build, with the compiler's own words", async () => {
    const spec = { bench: "broken", variant: "", spec: path.join(FIXTURES, "systems", "broken", "system.ts") };
    const error = await runBenchmarkSystem(spec, outDir("bench")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchError);
    expect((error as Error).message).toMatch(/the build failed:\n[\s\S]*broken\.c:6:12: error: 'not_declared' undeclared/);
  });
});
