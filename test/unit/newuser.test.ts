/**
 * A spec written from the README alone, as a new user would, with the
 * typical mistakes: one check reports every one of them, each located, in
 * reading order — the type error and the validator's findings together.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline/check.ts";
import { FIXTURES, phase3 } from "../helpers.ts";

const SPEC = path.join(FIXTURES, "newuser", "system.ts");

describe("a new user's first spec", () => {
  it("gets a located error for each mistake, all in one run", async () => {
    const result = await checkSpec(SPEC);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [9, 9, "system-name-invalid"], // "my first system": spaces
      [12, 28, "type-error"], // "64KB": the unit is K
      [13, 49, "hart-out-of-range"], // hart 1 on a 1-hart board
      [14, 5, "partition-name-reserved"], // a partition called main
      [14, 18, "app-not-source"], // main.cpp: C only
      [14, 38, "memory-not-page-aligned"], // 6K
      [15, 20, "app-missing"], // loger.c: a typo
      [18, 30, "channel-self-loop"], // from pong to pong
      [18, 47, "channel-msgsize-invalid"], // msgSize 0
      [21, 34, "partition-unscheduled"], // main has no window
      [21, 61, "window-overrun"], // 5ms + 6ms in a 10ms frame
    ]);
    const messages = Object.fromEntries(result.problems.map((p) => [p.rule, p.message]));
    expect(messages["type-error"]).toBe("Type '\"64KB\"' is not assignable to type 'Size'.");
    expect(messages["hart-out-of-range"]).toBe('partition "pong" runs on hart 1, but qemu-virt has only hart 0');
    expect(messages["memory-not-page-aligned"]).toContain('try "8K"');
    expect(messages["app-missing"]).toContain('"loger.c"');
    expect(messages["window-overrun"]).toContain("add up to 11ms, more than its 10ms major frame");
  });

  it("sees them printed with code frames and a count, and exit status 1", () => {
    const r = phase3(["check", path.relative(process.cwd(), SPEC)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/newuser\/system\.ts:9:9: error system-name-invalid: /);
    expect(r.stderr).toContain("> 12 |     ping: { app: \"ping.c\", memory: \"64KB\", hart: 0 },\n     |                            ^^^^^^");
    expect(r.stderr).toMatch(/\n11 problems found\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
