/**
 * The files a build depends on that the user writes: the spec, the
 * TypeScript files it imports, each app's sources, and the headers those
 * include (from the dependency files gcc writes beside each app object,
 * `-MMD`). Phase3's own spec/ and firmware/ are not the user's and are left out.
 */
import fs from "node:fs";
import path from "node:path";
import { specSourceFiles } from "../../pipeline/load/load-spec.ts";
import type { Failed, Generated } from "../../pipeline/index.ts";
import { PHASE3_ROOT } from "../../root.ts";

const PHASE3_OWN = [path.join(PHASE3_ROOT, "spec"), path.join(PHASE3_ROOT, "firmware")];

function isPhase3Own(file: string): boolean {
  return PHASE3_OWN.some((dir) => file.startsWith(dir + path.sep));
}

function dependencyFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d")).map((f) => path.join(dir, f));
}

/** Prerequisites named in make-style dependency files, resolved against the build folder. */
export function prerequisites(outDir: string): string[] {
  const found: string[] = [];
  for (const file of dependencyFiles(path.join(outDir, "out", "app"))) {
    const text = fs.readFileSync(file, "utf8").replace(/\\\n/g, " ");
    for (const rule of text.split("\n")) {
      const colon = rule.indexOf(":");
      if (colon < 0) continue;
      for (const name of rule.slice(colon + 1).trim().split(/\s+/).filter(Boolean)) found.push(path.resolve(outDir, name));
    }
  }
  return found;
}

/** The user's files behind a build, or behind an attempt that failed. */
export function buildInputs(specFile: string, outcome: Failed | Generated): Set<string> {
  const inputs = new Set<string>([path.resolve(specFile)]);
  if (!outcome.ok) {
    for (const problem of outcome.problems) if (problem.file) inputs.add(path.resolve(problem.file));
    return inputs;
  }
  for (const file of specSourceFiles(outcome.spec)) inputs.add(file);
  const specDir = path.dirname(outcome.spec.file);
  for (const partition of Object.values(outcome.spec.system.partitions)) {
    const apps = partition.app === undefined ? [] : typeof partition.app === "string" ? [partition.app] : partition.app;
    for (const app of apps) inputs.add(path.resolve(specDir, app));
    if (partition.image) inputs.add(path.resolve(specDir, partition.image.file));
  }
  const outDir = path.resolve(outcome.outDir);
  for (const file of prerequisites(outDir)) {
    if (!file.startsWith(outDir + path.sep) && !isPhase3Own(file)) inputs.add(file);
  }
  return inputs;
}
