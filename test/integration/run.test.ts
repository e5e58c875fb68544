/** `phase3 run` as a person reads it: a summary line per partition, timeouts, compiler errors against the app's own file. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, ROOT, outDir, phase3 } from "../helpers.ts";
import { TIMED_OUT } from "../../sim/exit.ts";
import { traceProblems, type LoadedEvent } from "../trace-check.ts";

const fixture = (name: string) => path.join("test", "fixtures", "systems", name, "system.ts");

describe("phase3 run", () => {
  it("types what comes on its stdin into the console, for the partition that owns console input, under --icount too", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "generator", "cli", "phase3.mjs"), "run", fixture("irq"), "--out", outDir("cli-irq-input"), "--icount", "--timeout", "30"], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      // typed once the prompt is there, as a person would
      if (stdout.includes("[typist] type> ") && !child.stdin.writableEnded) child.stdin.end("hello there\n");
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stdout).toMatch(/^\[typist\] you typed: hello there$/m);
    expect(stdout).toMatch(/status 0: every partition returned 0/);
    expect(status).toBe(0);
  });

  it("ends a run that does not finish at --timeout, with status 124 and each partition's state, and keeps its --trace", () => {
    const out = outDir("cli-forever");
    const traceFile = path.join(out, "forever.json");
    fs.rmSync(traceFile, { force: true });
    const r = phase3(["run", fixture("forever"), "--out", out, "--icount", "--timeout", "2", "--trace", traceFile]);
    expect(r.stdout).toMatch(/^\[spinner\] spinning$/m);
    expect(r.stdout).toMatch(/^ {2}spinner {2}still running when the run ended, no faults, no restarts$/m);
    expect(r.stdout).toMatch(/^ {2}done {5}exit code 0, no faults, no restarts$/m);
    expect(r.stdout).toMatch(/timed out after 2s: status 124 \(raise it with --timeout <seconds>\)/);
    expect(r.status).toBe(TIMED_OUT);
    // the timeline of a killed run: what the firmware printed until then
    expect(r.stdout).toMatch(/^phase3 forever: wrote the timeline to /m);
    const trace = JSON.parse(fs.readFileSync(traceFile, "utf8"));
    expect(traceProblems(trace)).toEqual([]);
    const names = (trace.traceEvents as LoadedEvent[]).filter((e) => e.pid === 1 && e.ph !== "M").map((e) => e.name);
    expect(names).toContain("spinner");
    expect(names).toContain("done exited with code 0");
  });

  it("sums up a partition stopped by a fault", () => {
    const r = phase3(["run", fixture("isolation"), "--out", outDir("cli-isolation"), "--icount", "--timeout", "30"]);
    expect(r.stdout).toMatch(/^ {2}intruder {3}stopped by a fault, 1 fault, no restarts$/m);
    expect(r.stdout).toMatch(/^ {2}bystander {2}exit code 0, no faults, no restarts$/m);
    expect(r.status).toBe(126);
  });
});

describe("compiler errors", () => {
  it("name the app's own file and line, relative to where phase3 runs", () => {
    const r = phase3(["build", fixture("broken"), "--out", outDir("cli-broken")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^phase3 broken: the build failed with 1 error:$/m);
    expect(r.stderr).toMatch(/^test\/fixtures\/systems\/broken\/broken\.c:6:12: error: 'not_declared' undeclared/m);
    expect(r.stderr).toMatch(/^ {4}6 \| {5}return not_declared;$/m); // gcc's own code frame stays
    expect(r.stderr).not.toMatch(/\.\.\/|test\/\.out|make: \*\*\*/);
  });

  it("are relative to the current directory wherever that is", () => {
    const dir = path.join(FIXTURES, "systems", "broken");
    const r = phase3(["build", "system.ts", "--out", outDir("cli-broken-here")], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^broken\.c:6:12: error: /m);
  });
});
