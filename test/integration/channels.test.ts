/** Channels between partitions: every message arrives once, in order, intact. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, outDir } from "../helpers.ts";
import { boot, buildSpec, transcript } from "../build.ts";

const PINGPONG = path.join(ROOT, "examples", "pingpong", "system.ts");

/** The pingpong example with pong moved to a second hart. */
function pingpongOnTwoHarts(): string {
  const dir = outDir("pingpong-2harts-spec");
  for (const file of ["ping.c", "pong.c"]) fs.copyFileSync(path.join(ROOT, "examples", "pingpong", file), path.join(dir, file));
  const spec = fs
    .readFileSync(PINGPONG, "utf8")
    .replace('name: "pingpong"', 'name: "pingpong2"')
    .replace("harts: 1", "harts: 2")
    .replace('pong: { app: "pong.c", memory: "64K", hart: 0 }', 'pong: { app: "pong.c", memory: "64K", hart: 1 }');
  fs.writeFileSync(path.join(dir, "system.ts"), spec);
  return path.join(dir, "system.ts");
}

describe("pingpong", () => {
  it("bounces 1000 messages between two partitions on one hart", async () => {
    const result = await boot(await buildSpec(PINGPONG, "pingpong"));
    const lines = transcript(result);
    expect(lines).toContain("[ping] 1000 rounds, every reply intact");
    expect(lines).toContain("[pong] served 1000 balls");
    expect(result.status).toBe(0);
  });

  it("does the same across two harts, woken by IPIs", async () => {
    const result = await boot(await buildSpec(pingpongOnTwoHarts(), "pingpong-2harts"));
    const lines = transcript(result);
    expect(lines).toContain("[ping] 1000 rounds, every reply intact");
    expect(lines).toContain("[pong] served 1000 balls");
    expect(result.status).toBe(0);
  });
});
