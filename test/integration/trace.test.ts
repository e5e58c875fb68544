/** `phase3 run --trace`: the trace firmware's timeline, as a Perfetto-ready Chrome trace file. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outDir, phase3 } from "../helpers.ts";
import { traceProblems, type LoadedEvent } from "../trace-check.ts";

// A run stopped at --timeout keeps its timeline too: see run.test.ts.

const fixture = (name: string) => path.join("test", "fixtures", "systems", name, "system.ts");

function load(file: string): { traceEvents: LoadedEvent[] } {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

describe("phase3 run --trace", () => {
  it("writes the timeline of a run: windows per hart, hypercalls, interrupts, faults, restarts", () => {
    const out = outDir("cli-trace-health");
    const file = path.join(out, "timeline.json");
    fs.rmSync(file, { force: true });
    const r = phase3(["run", fixture("health"), "--out", out, "--icount", "--trace", file]);
    expect(r.status).toBe(126);
    expect(r.stdout).not.toContain("\x1e"); // the records never reach the person
    expect(r.stdout).toMatch(/^\[worker\] worker done$/m);
    expect(r.stdout).toMatch(/^ {2}spinner {2}stopped by a fault, 3 faults, 2 restarts$/m);
    expect(r.stdout).toMatch(/^phase3 health: wrote the timeline to .*timeline\.json \(\d+ events from \d+ records, instruction counts\)$/m);
    expect(r.stdout).toMatch(/open it at https:\/\/ui\.perfetto\.dev/);

    const trace = load(file);
    expect(traceProblems(trace)).toEqual([]);
    const events = trace.traceEvents;
    expect(events).toContainEqual(expect.objectContaining({ ph: "M", name: "thread_name", pid: 1, tid: 1, args: { name: "hart 0" } }));

    // partition windows on hart 0, and a switch: one window ends where another partition's begins
    const windows = events.filter((e) => e.ph === "X" && e.cat === "window" && e.pid === 1 && e.tid === 1);
    expect(new Set(windows.map((w) => w.name))).toEqual(new Set(["worker", "spinner", "sleepy"]));
    const switched = windows.some((w, i) => i > 0 && w.name !== windows[i - 1].name && Math.abs(windows[i - 1].ts! + windows[i - 1].dur! - w.ts!) < 1e-3);
    expect(switched).toBe(true);

    // the hypervisor's work, each nested in the window of the partition it served
    const named = (name: string) => events.filter((e) => e.name === name);
    expect(named("p3_wait").length).toBeGreaterThan(0);
    expect(named("p3_wait")[0]).toMatchObject({ ph: "X", cat: "hypercall", args: { path: "fast" } });
    expect(named("p3_exit")).toContainEqual(expect.objectContaining({ ph: "X", cat: "hypercall", args: expect.objectContaining({ vcpu: "worker", path: "slow" }) }));
    expect(named("timer interrupt").length).toBeGreaterThan(0);
    expect(named("timer interrupt")[0]).toMatchObject({ ph: "X", cat: "interrupt" });

    // faults, restarts and stops as instants, on the hart and on the partition's own track
    expect(named("fault in spinner: budget overrun").filter((e) => e.pid === 1)).toHaveLength(3);
    expect(named("fault in sleepy: watchdog expired")).toHaveLength(2);
    expect(named("spinner restarted").filter((e) => e.pid === 1).map((e) => e.args!.restarts)).toEqual([1, 2]);
    expect(named("spinner stopped")).toHaveLength(2);
    expect(named("worker exited with code 0")[0]).toMatchObject({ ph: "i", cat: "partition" });
    // in order: a fault, then the restart it caused
    const fault = named("fault in spinner: budget overrun")[0].ts!;
    expect(named("spinner restarted")[0].ts!).toBeGreaterThan(fault);

    // the normal image has none of it; the trace image, built beside it, does
    expect(fs.readFileSync(path.join(out, "health.elf")).includes("trace_fast_call")).toBe(false);
    expect(fs.readFileSync(path.join(out, "health-trace.elf")).includes("trace_fast_call")).toBe(true);
  });
});
