/**
 * An unmodified guest: Debian's U-Boot for QEMU S-mode runs as a partition
 * beside a Phase3 app, boots to its prompt, answers `version` typed on the
 * console, and its `sbi` command lists the SBI extensions the hypervisor
 * implements. `reset` then ends the partition.
 */
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runImage } from "../../sim/qemu.ts";
import { ROOT } from "../helpers.ts";
import { buildSpec, transcript } from "../build.ts";

describe("U-Boot as a guest", () => {
  it("boots to its prompt, answers commands, and lists the hypervisor's SBI extensions", async () => {
    const built = await buildSpec(path.join(ROOT, "examples", "uboot", "system.ts"), "uboot");
    const input = new PassThrough();
    const commands = ["version", "sbi", "reset"];
    let prompts = 0;
    const result = await runImage({
      board: built.spec.system.board,
      elf: built.elf,
      timeoutMs: 60_000,
      input,
      onLine: (line) => {
        // the hypervisor shows a prompt left without a newline once U-Boot polls for input
        if (line.kind === "partition" && line.partition === "uboot" && line.text === "=> ") {
          const next = commands[prompts++];
          if (next) input.write(`${next}\n`);
        }
      },
    });
    const lines = transcript(result);
    expect(result.timedOut).toBe(false);
    expect(lines.some((l) => /^\[uboot\] U-Boot 2\d{3}\.\d\d/.test(l))).toBe(true);
    expect(lines).toContain("[uboot] version");
    const sbi = lines.indexOf("[uboot] sbi");
    expect(sbi).toBeGreaterThan(0);
    expect(lines.slice(sbi, sbi + 3).some((l) => /^\[uboot\] SBI 2\.0/.test(l))).toBe(true);
    const listed = lines.slice(lines.indexOf("[uboot] Extensions:", sbi) + 1).filter((l) => l.startsWith("[uboot]   ")).map((l) => l.slice(10));
    expect(listed).toEqual(expect.arrayContaining(["Set Timer", "Console Putchar", "Console Getchar", "SBI Base Functionality", "Timer Extension", "IPI Extension", "RFENCE Extension", "Hart State Management Extension", "System Reset Extension"]));
    expect(listed).not.toContain("Performance Monitoring Unit Extension");
    expect(lines).toContain("[ticker] tick 5");
    expect(lines).toContain("[phase3] partition uboot exited with code 0");
    expect(result.status).toBe(0);
  });
});
