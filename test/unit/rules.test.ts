/**
 * One failing fixture per validation rule (test/fixtures/rules/<rule>.ts),
 * asserting the rule id, the exact message and the location in the fixture,
 * and the examples as the passing case of every rule.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline.ts";
import { rules } from "../../spec/index.ts";
import { FIXTURES, ROOT } from "../helpers.ts";

const RULE_FIXTURES = path.join(FIXTURES, "rules");

/** rule id → [line, column, message] of the single problem its fixture has. */
const expected: Record<string, [number, number, string]> = {
  "system-name-invalid": [4, 9, 'system name "my system" is not a C identifier: use letters, digits and _, not starting with a digit'],
  "partition-name-invalid": [7, 5, 'partition name "2fast" is not a C identifier: use letters, digits and _, not starting with a digit'],
  "partition-name-reserved": [7, 5, 'partition name "phase3" is reserved for the hypervisor\'s own console lines; pick another'],
  "no-partitions": [6, 3, 'the system has no partitions; add one, e.g. ping: { app: "ping.c", memory: "256K", hart: 0 }'],
  "memory-not-page-aligned": [7, 42, 'memory of "ping" 6K is not a non-zero multiple of 4K (the page size); try "8K"'],
  "hart-out-of-range": [7, 55, 'partition "ping" runs on hart 2, but qemu-virt has harts 0 to 1'],
  "app-missing": [7, 35, 'app source "../apps/nowhere.c" of partition "ping" does not exist (paths are relative to the spec file)'],
  "app-not-source": [7, 18, 'app of partition "ping" must name a .c or .S file, not "../apps/readme.txt"'],
  "board-invalid": [5, 35, "harts must be a whole number from 1 to 8 (QEMU virt's limit here), not 9"],
  "board-needs-h": [5, 10, "qemu-virt-noh has no hypervisor (H) extension, and this version of Phase3 runs only in hypervisor mode"],
  "memory-exceeds-ram": [7, 42, 'partition "ping" needs 16M but the board has 16M of RAM, 128K of it for the firmware'],
  "memory-overcommitted": [8, 42, 'the partitions need 18480K with the firmware and page tables, more than the board\'s 16M of RAM; "pong" is the first that does not fit'],
  "memory-hits-reserved": [7, 42, "the system uses RAM up to 0x83e06000, which overlaps 0x83e00000-0x84000000: QEMU writes its device tree here at reset"],
  "stack-too-large": [7, 56, 'partition "ping" has 16K of memory, too little for a 16K stack, its guard page, its device tree and one page of code'],
};

describe("validation rules", () => {
  it("every rule has a failing fixture and an expectation", () => {
    const fixtures = fs.readdirSync(RULE_FIXTURES).map((f) => f.replace(/\.ts$/, "")).sort();
    const ids = rules.map((r) => r.id).sort();
    expect(fixtures).toEqual(ids);
    expect(Object.keys(expected).sort()).toEqual(ids);
  });

  it("rule ids are unique and every rule says what it checks", () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) expect(rule.summary).toMatch(/\.$/);
  });

  for (const [rule, [line, column, message]] of Object.entries(expected)) {
    it(`${rule}: reports the fixture's mistake where it is`, async () => {
      const file = path.join(RULE_FIXTURES, `${rule}.ts`);
      const result = await checkSpec(file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toEqual([{ rule, message, file, line, column, length: expect.any(Number) }]);
    });
  }

  it("passes every rule on each example", async () => {
    for (const example of fs.readdirSync(path.join(ROOT, "examples"))) {
      const result = await checkSpec(path.join(ROOT, "examples", example, "system.ts"));
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });
});
