/** Writes a random spec as a TypeScript spec file, the way a person would write it. */
import fs from "node:fs";
import path from "node:path";
import type { RandomSpec } from "./arbitraries.ts";

/** A JavaScript literal for a value: numbers such as NaN and -0 included, keys quoted. */
export function toJs(value: unknown, indent = ""): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : Number.isNaN(value) ? "NaN" : !Number.isFinite(value) ? (value > 0 ? "Infinity" : "-Infinity") : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "undefined";
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => `${inner}${toJs(v, inner)},`).join("\n")}\n${indent}]` : "[]";
  const entries = Object.entries(value);
  return entries.length ? `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJs(v, inner)},`).join("\n")}\n${indent}}` : "{}";
}

/**
 * `dir/system.ts` holding the spec, on a QEMU virt board with its harts,
 * beside a copy of the test app its partitions run (ok.c).
 * `typed: false` adds `// @ts-nocheck`, for specs whose values are wrong on
 * purpose (as a JavaScript user's would be).
 */
export function writeSpecFile(dir: string, spec: RandomSpec, typed: boolean): string {
  const { harts, ...rest } = spec;
  const body = toJs({ ...rest }).replace(/^\{\n/, "");
  const text = [
    ...(typed ? [] : ["// @ts-nocheck: the values are random, wrong types included"]),
    'import { boards, defineSystem } from "phase3";',
    "",
    "export default defineSystem({",
    `  board: boards.qemuVirt({ harts: ${toJs(harts)}, ram: "64M" }),`,
    body.replace(/\n\}$/, ""),
    "});",
    "",
  ].join("\n");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(new URL("../fixtures/apps/ok.c", import.meta.url), path.join(dir, "ok.c"));
  const file = path.join(dir, "system.ts");
  fs.writeFileSync(file, text);
  return file;
}
