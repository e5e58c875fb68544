/** The programmatic layer, call by call, and the three examples built on it. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, ROOT } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";

describe("the app API", () => {
  it("answers every call as documented, errors included", async () => {
    const result = await boot(await buildSpec(path.join(FIXTURES, "systems", "api", "system.ts"), "api"));
    const lines = transcript(result);
    const checks = lines.filter((l) => /^\[probe\] (ok|FAIL) /.test(l));
    expect(checks.filter((l) => l.includes("FAIL"))).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(30);
    expect(lines).toContain("[probe] 0 failures");
    expect(lines).toContain("[peer] answered");
    expect(result.status).toBe(0);
  });
});

describe("examples", () => {
  it("pipeline: every sample arrives once and in order, across two harts", async () => {
    const result = await boot(await buildSpec(path.join(ROOT, "examples", "pipeline", "system.ts"), "pipeline"), 60_000);
    const lines = transcript(result);
    expect(lines).toContain("[sensor] sent 400 samples");
    expect(lines).toContain("[filter] filtered 400 samples");
    expect(lines.some((l) => /^\[logger\] all 400 samples arrived once, in order, correct/.test(l))).toBe(true);
    expect(result.status).toBe(0);
  });

  it("shared-counter: the reader sees the writer's count, and its own write faults", async () => {
    const result = await boot(await buildSpec(path.join(ROOT, "examples", "shared-counter", "system.ts"), "shared-counter"));
    const lines = transcript(result);
    expect(lines).toContain("[writer] counted to 100000 in a 4096-byte shared region");
    expect(lines.some((l) => /^\[reader\] saw the count reach 100000 \(\d+ changes observed\), never backwards$/.test(l))).toBe(true);
    expect(lines).toContain("[phase3] fault in partition reader: store guest-page fault");
    expect(lines).not.toContain("[reader] the write went through!");
    expect(lines).toContain("[phase3] partition writer exited with code 0");
    expect(result.status).toBe(SYSTEM_STATUS.FAULTED);
  });
});

describe("channel ids", () => {
  it("a channel the partition is not an endpoint of does not even compile", async () => {
    await expect(buildSpec(path.join(FIXTURES, "systems", "misuse", "system.ts"), "misuse")).rejects.toThrow(
      /outsider\.c:6:20: error: 'P3_CHAN_PRIVATE_LINE' undeclared/,
    );
  });
});
