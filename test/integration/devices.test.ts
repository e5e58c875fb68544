/** Device interrupts and console input, routed to the partitions the spec names. */
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runImage } from "../../sim/qemu.ts";
import { FIXTURES } from "../helpers.ts";
import { buildSpec, transcript } from "../build.ts";

describe.each(["irq", "irq-aia"])("devices (%s)", (fixture) => {
  it("routes the RTC's interrupt to its owner and console input to the console owner", async () => {
    const built = await buildSpec(path.join(FIXTURES, "systems", fixture, "system.ts"), fixture);
    const input = new PassThrough();
    const result = await runImage({
      board: built.spec.system.board,
      elf: built.elf,
      timeoutMs: 30_000,
      input,
      onLine: (line) => {
        if (line.kind === "partition" && line.text === "type> ") input.write("hello there\n");
      },
    });
    const lines = transcript(result);
    expect(lines).toEqual(expect.arrayContaining(["[clock] alarm 1", "[clock] alarm 2", "[clock] alarm 3", "[typist] you typed: hello there"]));
    // an acknowledged line the device has lowered is not delivered again
    expect(lines).toContain("[clock] early wake-ups: 0");
    expect(result.status).toBe(0);
  });
});
