/**
 * Microkernel mode end to end: an M-mode kernel, apps in U-mode behind PMP,
 * on QEMU virt without H (RV64), the SiFive E300 (sifive_e: RV32, code in
 * SPI flash, 16 KiB of RAM) and the Shakti C-class (shakti_c). The same apps
 * and fixtures as hypervisor mode, with the same assertions where the two
 * modes should agree, and the mode's own where they differ (a PMP access
 * fault instead of a guest-page fault).
 */
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";
import { runImage } from "../../sim/qemu.ts";
import { FIXTURES, ROOT } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";
import { withoutH } from "../variants.ts";

const example = (name: string, variant: string) => path.join(ROOT, "examples", name, `system.${variant}.ts`);
const fixture = (name: string) => path.join(FIXTURES, "systems", name, "system.ts");

describe.each(["virt-noh", "e300-arty", "shakti-c-arty"])("hello in microkernel mode (%s)", (variant) => {
  it("boots both apps in U-mode, each prints its line, and the run ends with status 0", async () => {
    const built = await buildSpec(example("hello", variant), `mk-hello-${variant}`);
    expect(built.plan.mode).toBe("microkernel");
    const result = await boot(built);
    expect(result.timedOut).toBe(false);
    expect(transcript(result)).toEqual([
      "[phase3] Phase3 hello: 2 partition(s) on 1 hart(s)",
      "[ping] hello from ping, partition 0",
      "[phase3] partition ping exited with code 0",
      "[pong] hello from pong",
      "[phase3] partition pong exited with code 0",
      "[phase3] all partitions have stopped: system status 0",
    ]);
    expect(result.status).toBe(0);
  });
});

describe.each(["virt-noh", "e300-arty", "shakti-c-arty"])("pingpong in microkernel mode (%s)", (variant) => {
  it("bounces 1000 messages over two channels, every reply intact", async () => {
    const result = await boot(await buildSpec(example("pingpong", variant), `mk-pingpong-${variant}`));
    const lines = transcript(result);
    expect(lines).toContain("[ping] 1000 rounds, every reply intact");
    expect(lines).toContain("[pong] served 1000 balls");
    expect(result.status).toBe(0);
  });
});

describe("microkernel mode on QEMU virt without H", () => {
  it("answers every call of the app API as documented, errors included, across two harts", async () => {
    const result = await boot(await buildSpec(withoutH(fixture("api"), "mk-api"), "mk-api"));
    const lines = transcript(result);
    const checks = lines.filter((l) => /^\[probe\] (ok|FAIL) /.test(l));
    expect(checks.filter((l) => l.includes("FAIL"))).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(30);
    expect(lines).toContain("[probe] 0 failures");
    expect(result.status).toBe(0);
  });

  it("pipeline: a time-partitioned hart, channels across harts, every sample once and in order", async () => {
    const result = await boot(await buildSpec(example("pipeline", "virt-noh"), "mk-pipeline"), 60_000);
    const lines = transcript(result);
    expect(lines).toContain("[filter] filtered 400 samples");
    expect(lines.some((l) => /^\[logger\] all 400 samples arrived once, in order, correct/.test(l))).toBe(true);
    expect(result.status).toBe(0);
  });

  it("shared-counter: the reader's write to its read-only view is a PMP store fault, and only the reader stops", async () => {
    const result = await boot(await buildSpec(example("shared-counter", "virt-noh"), "mk-shared-counter"));
    const lines = transcript(result);
    expect(lines).toContain("[writer] counted to 100000 in a 4096-byte shared region");
    expect(lines).toContain("[phase3] fault in partition reader: store access fault");
    expect(lines).not.toContain("[reader] the write went through!");
    expect(lines).toContain("[phase3] partition writer exited with code 0");
    expect(result.status).toBe(SYSTEM_STATUS.FAULTED);
  });

  it("restarts a partition over its budget from its pristine image, stops one whose watchdog expires", async () => {
    const result = await boot(await buildSpec(withoutH(fixture("health"), "mk-health"), "mk-health"));
    const lines = transcript(result);
    expect(lines.filter((l) => l.startsWith("[phase3] fault in partition spinner: budget overrun")).length).toBe(3);
    expect(lines.filter((l) => l === "[spinner] spinner starts").length).toBe(3);
    expect(lines).toContain("[phase3] partition spinner stopped (policy: restart, no restarts left)");
    expect(lines).toContain("[phase3] fault in partition sleepy: watchdog expired");
    expect(lines).toContain("[worker] worker done");
    expect(result.status).toBe(SYSTEM_STATUS.FAULTED);
  });

  it.each(["irq", "irq-aia"])("routes a device interrupt (%s, at the controller's machine level) and console input to their owners", async (name) => {
    const built = await buildSpec(withoutH(fixture(name), `mk-${name}`), `mk-${name}`);
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
    expect(transcript(result)).toEqual(expect.arrayContaining(["[clock] alarm 1", "[clock] alarm 2", "[clock] alarm 3", "[typist] you typed: hello there"]));
    expect(result.status).toBe(0);
  });
});
