/**
 * A fixture or example run in the other execution mode: its spec rewritten
 * into test/.out with its QEMU virt board asked for without H, and its app
 * paths made absolute, so the same apps and the same assertions exercise the
 * microkernel.
 */
import fs from "node:fs";
import path from "node:path";
import { outDir } from "./helpers.ts";

export function withoutH(spec: string, name: string): string {
  const from = path.dirname(spec);
  const text = fs.readFileSync(spec, "utf8");
  const rewritten = text
    .replace(/boards\.qemuVirt\(\{ ([^}]*) \}\)/, "boards.qemuVirt({ $1, h: false })")
    .replace(/"([^"\n]+\.(?:c|S|bin))"/g, (literal, file: string) => (fs.existsSync(path.join(from, file)) ? JSON.stringify(path.join(from, file)) : literal));
  if (!rewritten.includes("h: false")) throw new Error(`${spec} has no boards.qemuVirt({ ... }) to run without H`);
  const target = path.join(outDir(`${name}-spec`), path.basename(spec));
  fs.writeFileSync(target, rewritten);
  return target;
}
