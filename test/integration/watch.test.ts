/** `phase3 build --watch` in a temporary copy of the hello example: edit, see a rebuild, break, see the error, stop. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, removeTempDirs, tempDir } from "../helpers.ts";
import { startPhase3 } from "../live.ts";

afterAll(removeTempDirs);

const WATCHING = /phase3 watching \d+ files for changes/;

describe("phase3 build --watch", () => {
  it("rebuilds when an app changes, keeps watching through a compile error, and stops on Ctrl-C", async () => {
    const dir = tempDir("phase3-watch-");
    for (const file of ["system.ts", "ping.c", "pong.c"]) fs.copyFileSync(path.join(ROOT, "examples", "hello", file), path.join(dir, file));
    const watch = startPhase3(["build", path.join(dir, "system.ts"), "--watch"], { cwd: dir });
    try {
      await watch.waitFor(WATCHING, 60_000);

      let mark = watch.output().length;
      fs.appendFileSync(path.join(dir, "ping.c"), "/* an edit */\n");
      await watch.waitFor(/phase3 ping\.c changed; rebuilding\n[\s\S]*phase3 hello: built /, 30_000, mark);
      await watch.waitFor(WATCHING, 10_000, mark);

      mark = watch.output().length;
      const pong = path.join(dir, "pong.c");
      fs.writeFileSync(pong, fs.readFileSync(pong, "utf8").replace("return 0;", "return nothing;"));
      await watch.waitFor(/^pong\.c:\d+:\d+: error: 'nothing' undeclared/m, 30_000, mark);
      await watch.waitFor(WATCHING, 10_000, mark);

      watch.child.kill("SIGINT");
      expect(await watch.exited).toBe(0);
      expect(watch.output()).toMatch(/phase3 stopped watching\n$/);
    } finally {
      watch.stop();
    }
  });
});

describe("what --watch watches", () => {
  it("is the spec, the files it imports, the apps and their own headers, re-read on every load", async () => {
    const { generate } = await import("../../generator/pipeline/index.ts");
    const { runMake } = await import("../../generator/pipeline/make/make.ts");
    const { buildInputs } = await import("../../generator/cli/watch/inputs.ts");
    const dir = tempDir("phase3-inputs-");
    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
    write("memory.ts", 'export const memory = "64K";\n');
    write(
      "system.ts",
      [
        'import { boards, defineSystem } from "phase3";',
        'import { memory } from "./memory.ts";',
        "export default defineSystem({",
        '  name: "inputs",',
        '  board: boards.qemuVirt({ harts: 1, ram: "64M" }),',
        '  partitions: { only: { app: "app.c", memory, hart: 0 } },',
        "});",
      ].join("\n"),
    );
    write("greeting.h", '#define GREETING "hi"\n');
    write("app.c", '#include <phase3.h>\n#include "greeting.h"\nint main(void) { p3_puts(GREETING); return 0; }\n');

    const out = path.join(dir, "build");
    const first = await generate(path.join(dir, "system.ts"), out);
    if (!first.ok) throw new Error(first.problems.map((p) => p.message).join("\n"));
    expect((await runMake(out)).ok).toBe(true);
    const inputs = [...buildInputs(path.join(dir, "system.ts"), first)].map((f) => path.relative(dir, f)).sort();
    expect(inputs).toEqual(["app.c", "greeting.h", "memory.ts", "system.ts"]);

    // The loader's TypeScript project lives on between loads (it is what --watch reuses): an
    // edit to an imported file must reach the type check, not only the evaluation.
    write("memory.ts", "export const memory = \"64 kilobytes\" as string;\n");
    const broken = await generate(path.join(dir, "system.ts"), out);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems.map((p) => p.rule)).toContain("type-error");
    write("memory.ts", 'export const memory = "128K";\n');
    const fixed = await generate(path.join(dir, "system.ts"), out);
    if (!fixed.ok) throw new Error(fixed.problems.map((p) => p.message).join("\n"));
    expect(fixed.plan.partitions[0].size).toBe(128 * 1024);
  });
});
