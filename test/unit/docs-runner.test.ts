/** The docs runner's conventions, on a small page. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fencedBlocks, runBlocks, unknownCommands } from "../docs-runner.ts";
import { removeTempDirs, tempDir } from "../helpers.ts";

afterAll(removeTempDirs);

const PAGE = [
  "# A page",
  "",
  "```c file=sub/hello.txt",
  "hello from a file",
  "```",
  "",
  "- a list item with a block:",
  "",
  "  ```sh",
  "  cat sub/hello.txt",
  "  ```",
  "",
  "  ```text expect=output",
  "  hello from a file",
  "  ```",
  "",
  "```sh exit=3",
  "exit 3",
  "```",
  "",
  "```text",
  "npx phase3 frobnicate",
  "```",
].join("\n");

describe("docs runner", () => {
  it("reads fences, their attributes and indented bodies", () => {
    const blocks = fencedBlocks(PAGE);
    expect(blocks.map((b) => [b.lang, b.attrs, b.line])).toEqual([
      ["c", { file: "sub/hello.txt" }, 3],
      ["sh", {}, 9],
      ["text", { expect: "output" }, 13],
      ["sh", { exit: "3" }, 17],
      ["text", {}, 21],
    ]);
    expect(blocks[1].body).toBe("cat sub/hello.txt\n");
    expect(unknownCommands(blocks)).toEqual(["line 21: phase3 frobnicate"]);
  });

  it("writes files, runs sh blocks, checks exit codes and shown output", async () => {
    const dir = tempDir();
    const results = await runBlocks(fencedBlocks(PAGE), dir);
    expect(fs.readFileSync(path.join(dir, "sub", "hello.txt"), "utf8")).toBe("hello from a file\n");
    expect(results.map((r) => [r.status, r.expected])).toEqual([
      [0, 0],
      [0, 0],
      [3, 3],
    ]);
  });

  it("fails output that the block before did not print", async () => {
    const page = ["```sh", "echo one", "echo two", "```", "```text expect=output", "two", "one", "```"].join("\n");
    const [, check] = await runBlocks(fencedBlocks(page), tempDir());
    expect(check.status).not.toBe(check.expected);
    expect(check.output).toMatch(/the line\n {2}one\nis not in the output/);
  });
});
