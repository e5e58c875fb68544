/** A partition that writes outside its memory is stopped; the others finish. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";

describe("isolation", () => {
  it("stops a partition that writes outside its memory, and the others run on", async () => {
    const built = await buildSpec(path.join(FIXTURES, "systems", "isolation", "system.ts"), "isolation");
    const result = await boot(built);
    const lines = transcript(result);

    expect(lines).toContain("[intruder] writing outside my memory");
    expect(lines).not.toContain("[intruder] the write went through");
    const fault = lines.indexOf("[phase3] fault in partition intruder: store guest-page fault");
    expect(fault).toBeGreaterThan(0);
    expect(lines[fault + 1]).toMatch(/^\[phase3\]   pc 00000000800000[0-9a-f]{2}  address 0000000080010000  guest-physical 0000000080010000$/);
    expect(lines[fault + 2]).toMatch(/^\[phase3\]   pc  [0-9a-f]{16}  ra  [0-9a-f]{16}  sp  [0-9a-f]{16}  gp  [0-9a-f]{16}$/);
    expect(lines).toContain("[phase3] partition intruder stopped (policy: stop)");

    expect(lines).toContain("[bystander] bystander ok");
    expect(lines).toContain("[neighbour] neighbour ok");
    expect(lines).toContain("[phase3] partition bystander exited with code 0");
    expect(lines).toContain("[phase3] partition neighbour exited with code 0");
    expect(result.status).toBe(SYSTEM_STATUS.FAULTED);
  });
});
