/** Budgets, watchdogs and fault policies under a priority schedule. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";
import { FIXTURES } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";

describe("health", () => {
  it("restarts a partition over its budget, stops one whose watchdog expires, and the worker runs on", async () => {
    const result = await boot(await buildSpec(path.join(FIXTURES, "systems", "health", "system.ts"), "health"));
    const lines = transcript(result);
    const faults = lines.filter((l) => l.startsWith("[phase3] fault in partition spinner: budget overrun"));
    expect(faults.length).toBe(3);
    expect(lines.filter((l) => l === "[spinner] spinner starts").length).toBe(3);
    expect(lines).toContain("[phase3] partition spinner restarting (policy: restart, 1 of 2)");
    expect(lines).toContain("[phase3] partition spinner restarted (2 of 2)");
    expect(lines).toContain("[phase3] partition spinner stopped (policy: restart, no restarts left)");
    expect(lines).toContain("[sleepy] sleepy stops patting");
    expect(lines).toContain("[phase3] fault in partition sleepy: watchdog expired");
    expect(lines).toContain("[phase3] partition sleepy stopped (policy: stop)");
    expect(lines).toContain("[worker] worker done");
    expect(lines).toContain("[phase3] partition worker exited with code 0");
    expect(result.status).toBe(SYSTEM_STATUS.FAULTED);
  });
});
