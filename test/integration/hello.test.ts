/** The walking skeleton end to end: spec → C → firmware → QEMU → exit status. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, outDir, phase3 } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";

const HELLO = path.join(ROOT, "examples", "hello", "system.ts");

describe("hello", () => {
  it("boots two partitions that each print a line naming themselves, and exits 0", async () => {
    const built = await buildSpec(HELLO, "hello");
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

  it("writes every image format", async () => {
    const built = await buildSpec(HELLO, "hello-images");
    for (const ext of ["elf", "bin", "hex", "mem"]) {
      expect(fs.statSync(path.join(built.outDir, `hello.${ext}`)).size).toBeGreaterThan(0);
    }
  });

  it("phase3 run prefixes each partition's lines and exits with the system status", () => {
    const out = outDir("cli-hello");
    const r = phase3(["run", HELLO, "--out", out, "--icount", "--timeout", "30"]);
    expect(r.stdout).toMatch(/^\[ping\] hello from ping, partition 0$/m);
    expect(r.stdout).toMatch(/^\[pong\] hello from pong$/m);
    expect(r.stdout).toMatch(/status 0: every partition returned 0/);
    expect(r.status).toBe(0);
  });
});
