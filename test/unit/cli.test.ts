/** The command line as a user meets it: messages and exit codes, never a stack trace. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, phase3 } from "../helpers.ts";

describe("phase3 check", () => {
  it("says a valid spec is valid and exits 0", () => {
    const r = phase3(["check", "examples/hello/system.ts"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/examples\/hello\/system\.ts: hello is valid \(2 partitions on qemu-virt\)/);
    expect(r.status).toBe(0);
  });

  it("prints file:line:col, the rule, the message and a code frame, and exits 1", () => {
    const spec = path.join("test", "fixtures", "rules", "hart-out-of-range.ts");
    const r = phase3(["check", spec]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      [
        `${spec}:7:55: error hart-out-of-range: partition "ping" runs on hart 2, but qemu-virt has harts 0 to 1`,
        "  6 |   partitions: {",
        '> 7 |     ping: { app: "../apps/ok.c", memory: "64K", hart: 2 },',
        "    |                                                       ^",
        "  8 |   },",
        "1 problem found",
        "",
      ].join("\n"),
    );
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+:\d+\)/);
  });

  it("explains a missing spec file without a stack trace", () => {
    const r = phase3(["check", "nowhere/system.ts"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^nowhere\/system\.ts: error spec-not-found: cannot read the spec file nowhere\/system\.ts/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("usage", () => {
  it("prints usage for no command and exits 2", () => {
    const r = phase3([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^Usage: phase3 <command>/);
    expect(r.stdout).toMatch(/check +validate a spec/);
  });

  it("rejects an unknown command with exit 2", () => {
    const r = phase3(["frobnicate", "x.ts"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^phase3: unknown command "frobnicate"/);
  });

  it("rejects a bad --timeout", () => {
    const r = phase3(["run", path.join(FIXTURES, "rules", "hart-out-of-range.ts"), "--timeout", "soon"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--timeout must be a positive number of seconds, not "soon"/);
  });
});
