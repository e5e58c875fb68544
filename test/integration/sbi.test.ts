/** SBI for guests, from a bare two-vCPU guest: HSM, IPIs, timers, console, probing, reset. */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildBareGuest } from "../../sim/bare-guest.ts";
import { FIXTURES, TEST_OUT } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";

describe("SBI for guests", () => {
  beforeAll(() => {
    buildBareGuest(path.join(FIXTURES, "guests", "sbi-probe"), path.join(TEST_OUT, "guests", "sbi-probe.bin"));
  });

  it("answers an operating system's calls on two vCPUs", async () => {
    const result = await boot(await buildSpec(path.join(FIXTURES, "systems", "sbi", "system.ts"), "sbi"));
    const lines = transcript(result);
    expect(lines.filter((l) => l.includes("FAIL"))).toEqual([]);
    expect(lines.filter((l) => l.startsWith("[probe] ok")).length).toBe(16);
    expect(lines).toContain("[probe] probe passed");
    expect(lines).toContain("[phase3] partition probe exited with code 0");
    expect(result.status).toBe(0);
  });

  it("ends a partition whose last started hart stops itself (HSM hart_stop): no hart is left to start another", async () => {
    const result = await boot(await buildSpec(path.join(FIXTURES, "systems", "hsm-stop", "system.ts"), "hsm-stop"));
    const lines = transcript(result);
    expect(lines).toContain("[phase3] partition quitter stopped its last hart");
    expect(lines).toContain("[phase3] partition quitter exited with code 0");
    expect(lines).not.toContain("[quitter] still running after hart_stop");
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(0);
  });
});
