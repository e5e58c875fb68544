/**
 * The docs cannot rot: for README.md and every docs/*.md (present and
 * future), each `sh` block runs in a temporary copy of the checkout and
 * must exit as the page says; every `phase3 <command>` named exists; every
 * repository path and relative link points at something that exists. The
 * fence conventions are in test/docs-runner.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkoutCopy, describeFailure, fencedBlocks, runBlocks, unknownCommands } from "./docs-runner.ts";
import { ROOT, removeTempDirs, tempDir } from "./helpers.ts";

afterAll(removeTempDirs);

const PAGES = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];

/** Top-level folders whose paths a page may name in `backticks`. */
const REPO_PATH = /`((?:spec|generator|firmware|sim|test|examples|docs|bench)\/[^`\s<>*]*)`/g;

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\s-]/g, "").replace(/\s/g, "-");
}

function brokenReferences(page: string, text: string): string[] {
  const broken: string[] = [];
  for (const m of text.matchAll(REPO_PATH)) {
    const named = m[1].replace(/[.,:;]$/, "");
    // build folders exist only after a build
    if (named.split("/").includes("build")) continue;
    if (!fs.existsSync(path.join(ROOT, named))) broken.push(`\`${named}\` does not exist`);
  }
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const [target, anchor] = m[1].split("#");
    if (/^[a-z]+:/.test(target)) continue; // a URL
    const file = target ? path.resolve(ROOT, path.dirname(page), target) : path.join(ROOT, page);
    if (!fs.existsSync(file)) {
      broken.push(`link ${m[1]}: ${target} does not exist`);
      continue;
    }
    if (anchor && file.endsWith(".md")) {
      const headings = fs.readFileSync(file, "utf8").split("\n").filter((l) => /^#+ /.test(l)).map((l) => slug(l.replace(/^#+ /, "")));
      if (!headings.includes(anchor)) broken.push(`link ${m[1]}: no heading #${anchor}`);
    }
  }
  return broken;
}

describe("docs", () => {
  it.each(PAGES)("%s names only commands, paths and links that exist", (page) => {
    const text = fs.readFileSync(path.join(ROOT, page), "utf8");
    expect(unknownCommands(fencedBlocks(text))).toEqual([]);
    expect(brokenReferences(page, text)).toEqual([]);
  });

  it.concurrent.each(PAGES)(
    "%s: every sh block runs as shown",
    async (page) => {
      const blocks = fencedBlocks(fs.readFileSync(path.join(ROOT, page), "utf8"));
      if (!blocks.some((b) => b.lang === "sh")) return;
      // the copy sits in a folder of its own, so a page may create ../my-system beside it
      const checkout = checkoutCopy(path.join(tempDir("phase3-docs-"), "phase3"));
      for (const result of await runBlocks(blocks, checkout)) {
        expect(result.status, describeFailure(page, result)).toBe(result.expected);
      }
    },
    300_000,
  );
});
