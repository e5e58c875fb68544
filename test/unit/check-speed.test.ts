/**
 * `phase3 check` on the examples is fast: once a spec's type-check verdict is
 * cached, checking it again does not load TypeScript at all, and takes a
 * fraction of a second in-process. Measured here in-process (a wall-clock
 * bound on a child process would measure the machine's load, not Phase3).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, outDir, phase3 } from "../helpers.ts";

const EXAMPLES = fs.readdirSync(path.join(ROOT, "examples")).map((e) => path.join(ROOT, "examples", e, "system.ts"));

describe("phase3 check is fast", () => {
  it("checks an unchanged example without loading TypeScript", async () => {
    // A first check (in a child process, so this one stays clean) caches the verdict.
    for (const spec of EXAMPLES) expect(phase3(["check", spec]).status).toBe(0);

    const { checkSpec } = await import("../../generator/pipeline/check.ts");
    const { isTypeScriptLoaded } = await import("../../generator/pipeline/load/load-spec.ts");
    await checkSpec(EXAMPLES[0]); // warm up esbuild's service
    const started = performance.now();
    for (const spec of EXAMPLES) {
      const result = await checkSpec(spec);
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
    const perSpec = (performance.now() - started) / EXAMPLES.length;
    expect(isTypeScriptLoaded()).toBe(false);
    console.log(`phase3 check, cached verdict: ${perSpec.toFixed(0)} ms per example, in-process`);
    // Typically 20-60 ms; the bound only catches TypeScript creeping back in (~1 s).
    expect(perSpec).toBeLessThan(500);
  });

  it("checks again, with TypeScript, when a file the spec imports only for types changes", async () => {
    fs.rmSync(path.join(ROOT, "test", ".out", "check-cache"), { recursive: true, force: true });
    const dir = outDir("check-cache");
    fs.writeFileSync(path.join(dir, "names.ts"), 'export type Ram = "64K";\n');
    fs.writeFileSync(
      path.join(dir, "system.ts"),
      [
        'import { boards, defineSystem } from "phase3";',
        'import type { Ram } from "./names.ts";',
        'const memory: Ram = "64K";',
        "export default defineSystem({",
        '  name: "cached",',
        "  board: boards.qemuVirt(),",
        `  partitions: { ping: { app: ${JSON.stringify(path.relative(dir, path.join(ROOT, "examples", "hello", "ping.c")))}, memory, hart: 0 } },`,
        "});",
        "",
      ].join("\n"),
    );
    const { checkSpec } = await import("../../generator/pipeline/check.ts");
    const spec = path.join(dir, "system.ts");
    expect((await checkSpec(spec)).ok).toBe(true);
    expect((await checkSpec(spec)).ok).toBe(true);
    fs.writeFileSync(path.join(dir, "names.ts"), 'export type Ram = "128K";\n');
    const after = await checkSpec(spec);
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.problems.map((p) => [p.rule, p.line])).toEqual([["type-error", 3]]);
  });
});
