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
