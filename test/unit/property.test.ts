/**
 * Property tests over random systems: every spec either validates — and
 * then plans, lowers, reports, draws and renders, and (for a few) generates C
 * that builds with -Wall -Wextra and no warning — or is rejected with
 * located diagnostics. Nothing ever throws.
 *
 * The compiled cases are apps with channels, shared regions, devices and
 * schedules; guest images are not generated yet, so none is compiled. Each
 * built firmware also goes through the isolation checker (sim/isolation).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAbi } from "../../generator/pipeline/load/read-abi.ts";
import { checkSpec } from "../../generator/pipeline/check.ts";
import { renderGraph } from "../../generator/cli/graph/svg.ts";
import { lower } from "../../generator/pipeline/lower/index.ts";
import { FIRMWARE_DIR } from "../../generator/pipeline/index.ts";
import { render } from "../../generator/pipeline/render/index.ts";
import { renderReport } from "../../generator/pipeline/report/report.ts";
import { checkIsolation } from "../../sim/isolation/index.ts";
import { planMemory, rules, validate, type System } from "../../spec/index.ts";
import { mutate, mutations, validSpec, withBoard } from "../property/arbitraries.ts";
import { writeSpecFile } from "../property/spec-file.ts";
import { buildOrThrow } from "../build.ts";
import { TEST_OUT } from "../helpers.ts";

const RULE_IDS = new Set(rules.map((r) => r.id));
const host = { fileExists: (file: string) => file === "ok.c" };
const abi = readAbi();

/** Everything after validation, in-process: none of it may throw on a valid system. */
function produceEverything(system: System): void {
  const planned = planMemory(system);
  expect(planned.ok, "a valid system's memory plan").toBe(true);
  if (!planned.ok) return;
  const model = lower(system, planned.plan, abi, { specFile: "/spec/system.ts", outDir: "/spec/build", firmwareDir: FIRMWARE_DIR });
  renderReport(model);
  renderGraph(model);
  render(model);
}

describe("random specs", () => {
  it("validate without throwing, into one-line diagnostics of known rules, or into everything else", () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(validSpec, mutations, fc.boolean(), (spec, changes, touchBoard) => {
        const system = (touchBoard ? mutate(withBoard(spec), changes) : withBoard(mutate(spec, changes))) as unknown as System;
        const diagnostics = validate(system, host);
        for (const d of diagnostics) {
          expect(RULE_IDS.has(d.rule), d.rule).toBe(true);
          expect(d.message).toMatch(/^[^\n]+$/);
          expect(Array.isArray(d.path)).toBe(true);
        }
        if (diagnostics.length === 0) {
          valid++;
          produceEverything(system);
        } else {
          invalid++;
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
    // both kinds were exercised
    expect(valid).toBeGreaterThan(40);
    expect(invalid).toBeGreaterThan(40);
  });

  it("written as spec files, are checked into located problems or a valid system, never a throw", async () => {
    const root = path.join(TEST_OUT, "property-check");
    fs.rmSync(root, { recursive: true, force: true });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(validSpec, mutations, async (spec, changes) => {
        const file = writeSpecFile(path.join(root, `case${n++}`), mutate(spec, changes), false);
        const result = await checkSpec(file);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.file).toBe(file);
          if (RULE_IDS.has(p.rule)) expect(p.line, `${p.rule}: ${p.message}`).toBeGreaterThan(0);
          else expect(["spec-load-failed", "type-error", "spec-syntax"]).toContain(p.rule);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_FILE_RUNS ?? 30) },
    );
  });

  it("that are valid generate C that builds without a warning", async () => {
    const root = path.join(TEST_OUT, "property-build");
    fs.rmSync(root, { recursive: true, force: true });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const dir = path.join(root, `case${n++}`);
        const file = writeSpecFile(dir, spec, true);
        const generated = await buildOrThrow(file, path.join(dir, "build"));
        expect(generated.make.output).not.toMatch(/warning:/);
        // and the firmware's page tables grant exactly what the spec does
        expect(checkIsolation(path.join(generated.outDir, "random.elf"), generated.spec.system).problems).toEqual([]);
      }),
      { numRuns: 5 },
    );
  });
});
