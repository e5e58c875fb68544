/**
 * docs/dsl.md (from the DSL's JSDoc and the rule catalogue) and docs/api.md
 * (from the ABI, phase3.h and the generated headers) are generated, and kept
 * up to date.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAbi } from "../../generator/pipeline/load/read-abi.ts";
import { API_DOC, PHASE3_H, parseLibraryHeader, renderApiDocs } from "../../generator/cli/docs/api.ts";
import { DSL_DOC, renderDslDocs } from "../../generator/cli/docs/dsl.ts";
import { rules } from "../../spec/index.ts";
import { ROOT } from "../helpers.ts";

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

describe("docs/api.md", () => {
  const text = renderApiDocs();
  const abi = readAbi();

  it("is up to date (regenerate with `npm run docs`)", () => {
    expect(fs.readFileSync(API_DOC, "utf8") === text, "docs/api.md is out of date: run `npm run docs`").toBe(true);
  });

  it("shows every call, in fid order, with the generated stub's signature", () => {
    const stubs = fs.readFileSync(path.join(ROOT, "test", "golden", "hello", "include", "p3_calls.h"), "utf8");
    let at = 0;
    for (const call of abi.calls) {
      const heading = text.indexOf(`\n### p3_${call.name}\n`);
      expect(heading, `p3_${call.name} has a section`).toBeGreaterThan(at);
      at = heading;
      const signature = text.slice(heading + 1).split("\n")[3];
      // as the stub declares it in a generated p3_calls.h (the golden copy of the hello example)
      const declaration = signature.replace(/;$/, "").replace(/^(__attribute__\(\(noreturn\)\) )?/, "$1static inline ");
      expect(stubs.split("\n"), signature).toContain(declaration);
    }
  });

  it("lists every result code as its C constant", () => {
    for (const e of abi.errors) expect(text).toMatch(new RegExp(`\\| \`P3_(ERR_)?${e.name}\` \\| ${e.value} \\|`));
  });

  it("documents every function and macro of phase3.h", () => {
    const library = text.slice(text.indexOf("\n## Library functions and macros\n"), text.indexOf("\n## Per-partition constants\n"));
    const declared = [...library.matchAll(/```c\n([\s\S]*?)```/g)].map((m) => m[1]).join("");
    for (const name of ["p3_shm", "p3_puts", "p3_printf", "p3_vprintf", "memcpy", "memmove", "memset", "memcmp", "strlen", "strcmp", "P3_MASK", "P3_FOREVER", "P3_US", "P3_MS"]) {
      expect(declared).toMatch(new RegExp(`\\b${name}\\(|#define ${name}\\b`));
    }
  });

  it("reads phase3.h's comment + declaration pairs, and throws when the shape changes", () => {
    const header = fs.readFileSync(PHASE3_H, "utf8");
    const names = parseLibraryHeader(header).flatMap((e) => e.names);
    expect(names).toEqual(expect.arrayContaining(["P3_MASK", "P3_FOREVER", "P3_US", "P3_MS", "p3_shm", "p3_puts", "p3_printf", "p3_vprintf", "memcpy", "strcmp", "main"]));
    // a declaration with no comment of its own
    expect(() => parseLibraryHeader(header.replace("int main(void);", "int main(void);\n\nint p3_new(void);"))).toThrow(/comment/);
    // a multi-line macro
    expect(() => parseLibraryHeader(header.replace("#define P3_FOREVER UINT64_MAX", "#define P3_FOREVER \\\n    UINT64_MAX"))).toThrow(/one-line/);
    // two entries run together
    expect(() => parseLibraryHeader(header.replace("int p3_puts(const char *s);\n\n", "int p3_puts(const char *s);\n"))).toThrow(/comment in the middle/);
    // a declaration that does not end
    expect(() => parseLibraryHeader(header.replace("int p3_puts(const char *s);", "int p3_puts(const char *s)"))).toThrow();
    expect(() => parseLibraryHeader(header.replace("#define PHASE3_H", "#define PHASE3_HEADER"))).toThrow(/include guard/);
  });

  it("runs its tutorial in hypervisor mode and names the microkernel variant", () => {
    expect(text).toContain("```sh\nnpx phase3 run ../relay/system.ts\n```");
    expect(text).toContain("h: false");
    expect(text).toMatch(/```text expect=output\n/);
  });
});
