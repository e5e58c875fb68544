/** Problems found before validation: each located, none a stack trace. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline/index.ts";
import { FIXTURES } from "../helpers.ts";

const fixture = (name: string) => path.join(FIXTURES, "load", name);

async function problems(name: string) {
  const result = await checkSpec(fixture(name));
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(({ rule, line, column, message }) => ({ rule, line, column, message }));
}

describe("loading a spec", () => {
  it("reports TypeScript errors where the editor would", async () => {
    expect(await problems("type-error.ts")).toEqual([
      {
        rule: "type-error",
        line: 7,
        column: 34,
        message: "Object literal may only specify known properties, but 'memroy' does not exist in type 'PartitionSpec<QemuVirtDevice>'. Did you mean to write 'memory'?",
      },
    ]);
  });

  it("says what to do when TypeScript widened a literal written outside the spec's object", async () => {
    const [problem] = await problems("widened.ts");
    expect(problem).toMatchObject({ rule: "type-error", line: 10, column: 5 });
    expect(problem.message).toBe(
      "Type 'string' is not assignable to type 'Size': TypeScript widened a value written outside defineSystem's object to string; keep its literal type with `as const`, or write it with partition({ ... }), size(\"128K\") or time(\"10ms\") from \"phase3\" (see \"Specs in pieces\" in docs/dsl.md). (Type '{ app: string; memory: string; hart: number; }' is not assignable to type 'PartitionSpec<QemuVirtDevice>'.)",
    );
  });

  it("keeps the literal types of parts written with partition(), size() and time()", async () => {
    const result = await checkSpec(fixture("helpers.ts"));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("reports syntax errors", async () => {
    expect(await problems("syntax.ts")).toEqual([{ rule: "type-error", line: 7, column: 33, message: "',' expected." }]);
  });

  it("reports a spec that throws, at the throw", async () => {
    expect(await problems("throws.ts")).toEqual([{ rule: "spec-load-failed", line: 4, column: 24, message: "the spec threw while loading: no RAM plan for 1 harts" }]);
  });

  it("asks for a default export", async () => {
    expect(await problems("no-default.ts")).toEqual([{ rule: "spec-no-default-export", line: 0, column: 0, message: "the spec must `export default defineSystem({ ... })`" }]);
    expect(await problems("not-a-system.ts")).toEqual([
      { rule: "spec-no-default-export", line: 0, column: 0, message: "the spec's default export is not a system: write `export default defineSystem({ ... })`" },
    ]);
  });

  it("reports a missing file", async () => {
    expect(await problems("missing.ts")).toEqual([{ rule: "spec-not-found", line: 0, column: 0, message: `cannot read the spec file ${fixture("missing.ts")}` }]);
  });

  it("checks the spec it is given, not files loaded before it", async () => {
    await checkSpec(fixture("syntax.ts"));
    const result = await checkSpec(path.join(FIXTURES, "..", "..", "examples", "hello", "system.ts"));
    expect(result.ok).toBe(true);
  });
});
