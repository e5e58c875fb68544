/**
 * `phase3 new` makes a project outside the checkout that boots as it is, that
 * an editor can type-check, and whose README's commands work as written.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, phase3, removeTempDirs, tempDir } from "../helpers.ts";
import { describeFailure, fencedBlocks, runBlocks, unknownCommands } from "../docs-runner.ts";

afterAll(removeTempDirs);

describe("phase3 new", () => {
  it("scaffolds a project that boots both partitions, type-checks, and whose README commands work", async () => {
    const project = path.join(tempDir("phase3-new-"), "my-first");
    const created = phase3(["new", project]);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/my_first is valid/);
    for (const file of ["system.ts", "apps/greeter.c", "apps/counter.c", "README.md", "package.json", "tsconfig.json", ".gitignore"]) {
      expect(fs.existsSync(path.join(project, file)), file).toBe(true);
    }
    expect(fs.realpathSync(path.join(project, "node_modules", "phase3"))).toBe(fs.realpathSync(ROOT));

    const run = phase3(["run", path.join(project, "system.ts"), "--icount", "--timeout", "30"]);
    expect(run.stdout).toMatch(/^\[greeter\] hello from greeter, partition 0$/m);
    expect(run.stdout).toMatch(/^\[counter\] count 1\n\[counter\] count 2\n\[counter\] count 3$/m);
    expect(run.stdout).toMatch(/status 0: every partition returned 0/);
    expect(run.status).toBe(0);

    // what an editor does: TypeScript with the project's tsconfig resolves "phase3"
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", project], { encoding: "utf8", timeout: 60_000 });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const readme = fencedBlocks(fs.readFileSync(path.join(project, "README.md"), "utf8"));
    expect(unknownCommands(readme)).toEqual([]);
    for (const result of await runBlocks(readme, project)) {
      expect(result.status, describeFailure("README.md", result)).toBe(result.expected);
    }
  });

  it("refuses a folder that is not empty, and touches nothing in it", () => {
    const dir = tempDir("phase3-new-full-");
    fs.writeFileSync(path.join(dir, "system.ts"), "mine");
    const r = phase3(["new", dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not empty \(it holds system\.ts\); phase3 new never overwrites files/);
    expect(fs.readdirSync(dir)).toEqual(["system.ts"]);
    expect(fs.readFileSync(path.join(dir, "system.ts"), "utf8")).toBe("mine");
  });

  it("names the boards when --board names none of them", () => {
    const r = phase3(["new", path.join(tempDir(), "x"), "--board", "arty-a7"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^phase3: unknown board "arty-a7"; the boards are: .*qemu-virt/);
  });
});
