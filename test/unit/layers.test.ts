/**
 * The layers, as docs/architecture.md draws them, only point down:
 *
 *   spec/            the DSL and the firmware's contract: pure TypeScript, no I/O
 *   generator/       spec → model → C → images (everything but generator/cli/)
 *   sim/             runs an image
 *   generator/cli/   the phase3 command and the tools on top of all three
 *
 * A module may import from its own layer and the ones below it, never from
 * one above. This test reads every import of every module and says which
 * one runs back up.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.ts";

interface Layer {
  name: string;
  /** Whether a file (relative to the checkout, with /) belongs to it. */
  holds: (file: string) => boolean;
}

const LAYERS: Layer[] = [
  { name: "spec", holds: (f) => f.startsWith("spec/") },
  { name: "generator", holds: (f) => f.startsWith("generator/") && !f.startsWith("generator/cli/") },
  { name: "sim", holds: (f) => f.startsWith("sim/") },
  { name: "cli", holds: (f) => f.startsWith("generator/cli/") },
];

const rank = (file: string) => LAYERS.findIndex((l) => l.holds(file));

function modules(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.split(path.sep).includes("templates"))
    .map((f) => `${dir}/${f.split(path.sep).join("/")}`);
}

/** Every module specifier a file imports or re-exports, statically or with import(). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/gm, /^\s*import\s*["']([^"']+)["']/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]);
  return found;
}

function violations(): string[] {
  const problems: string[] = [];
  for (const file of ["spec", "generator", "sim"].flatMap(modules)) {
    const from = rank(file);
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const specifier of importsOf(source)) {
      if (LAYERS[from].name === "spec" && !specifier.startsWith(".")) {
        problems.push(`${file} imports "${specifier}": spec/ is pure TypeScript with no I/O and no packages`);
        continue;
      }
      if (!specifier.startsWith(".")) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const to = rank(target);
      if (to > from) problems.push(`${file} imports ${target}: ${LAYERS[from].name} may not import from ${LAYERS[to].name}, a layer above it`);
      if (to < 0) problems.push(`${file} imports ${target}, which is in no layer`);
    }
  }
  return problems;
}

describe("the layers", () => {
  it("import only from themselves and the layers below", () => {
    expect(violations()).toEqual([]);
  });

  it("are read from every kind of import", () => {
    const source = [
      'import fs from "node:fs";',
      'import { a, type B } from "../x.ts";',
      "import type { C } from './y.ts';",
      'export { d } from "../z.ts";',
      'import "./side-effect.ts";',
      'const m = await import("../lazy.ts");',
      'const text = "not an import from \\"../w.ts\\"";',
    ].join("\n");
    expect(importsOf(source)).toEqual(["node:fs", "../x.ts", "./y.ts", "../z.ts", "./side-effect.ts", "../lazy.ts"]);
  });
});
