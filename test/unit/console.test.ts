/** The console demux: who said what, and the hypervisor's events the run summary counts. */
import { describe, expect, it } from "vitest";
import { parseLine, summarize } from "../../sim/console.ts";

describe("the run summary", () => {
  it("counts a partition stopped when its restarts ran out", () => {
    const lines = ["[phase3] fault in partition spinner: budget overrun", "[phase3] partition spinner stopped (policy: restart, no restarts left)"].map(parseLine);
    expect(summarize(["spinner"], lines)).toEqual([{ name: "spinner", faults: 1, restarts: 0, stopped: true }]);
  });
});
