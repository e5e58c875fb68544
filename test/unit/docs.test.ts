/** docs/dsl.md is generated from the DSL's JSDoc and the rule catalogue, and kept up to date. */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DSL_DOC, renderDslDocs } from "../../generator/docs/dsl.ts";
import { rules } from "../../spec/index.ts";

describe("docs/dsl.md", () => {
  const text = renderDslDocs();

  it("is up to date (regenerate with `npm run docs`)", () => {
    expect(fs.readFileSync(DSL_DOC, "utf8") === text, "docs/dsl.md is out of date: run `npm run docs`").toBe(true);
  });

  it("documents every field of the spec with its JSDoc", () => {
    const rows = text.split("\n").filter((l) => /^\| `[\w.?]+` \| /.test(l));
    for (const row of rows) expect(row, row).not.toMatch(/\| +\|$/);
    for (const field of ["`msgSize`", "`consoleInput?`", "`onFault?`", "`access`", "`isa.extensions`", "`ram?`"]) expect(text).toContain(`| ${field} |`);
  });

  it("lists every rule with its summary", () => {
    for (const rule of rules) expect(text).toContain(`| \`${rule.id}\` | ${rule.summary.replace(/\|/g, "\\|")} |`);
  });

  it("puts no command in a sh block (the docs test runs every one)", () => {
    expect(text).not.toMatch(/```(sh|bash|shell)\b/);
  });
});
