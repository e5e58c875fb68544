/**
 * A cache of "this spec type-checks", so that `phase3 check` on an unchanged
 * spec does not load TypeScript at all (loading it is most of a check's
 * cost).
 *
 * The key hashes everything the verdict depends on: the TypeScript version
 * and options, the spec file and every user file it imports (esbuild's list,
 * plus files named by `import type`, which esbuild drops), and all of
 * Phase3's spec/ sources. Only a clean verdict is cached: a spec with type
 * errors is checked again each time, so its errors are always reported fresh.
 * Entries are empty marker files in <build>/.phase3-cache/typecheck/.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const CACHE_VERSION = "1";

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.name.endsWith(".ts")) out.push(full);
  }
  return out;
}

/** Relative module specifiers a file names: `from "./x"`, `import("./x")`, `import "./x"`, type imports included. */
function relativeImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)) found.push(m[1]);
  return found;
}

/** Resolves a relative specifier the way the bundler would, to an existing file, or undefined. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  if (/\.js$/.test(base)) return resolveRelative(from, specifier.replace(/\.js$/, ".ts"));
  return undefined;
}

/** The spec and the user files it imports, transitively, outside Phase3's spec/ and node_modules. */
export function userFilesOf(specFile: string, bundled: readonly string[], specDir: string): string[] {
  const isOurs = (f: string) => f.startsWith(specDir + path.sep) || f.split(path.sep).includes("node_modules");
  const seen = new Set<string>();
  const queue = [specFile, ...bundled.filter((f) => !isOurs(f))];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || isOurs(file)) continue;
    seen.add(file);
    let source: string;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const specifier of relativeImports(source)) {
      const resolved = resolveRelative(file, specifier);
      if (resolved) queue.push(resolved);
    }
  }
  return [...seen].sort();
}

let typescriptVersion: string | undefined;

/** The cache key of a spec's type-check verdict. */
export function typecheckKey(specFile: string, userFiles: readonly string[], specDir: string, options: object): string {
  typescriptVersion ??= (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
  const hash = createHash("sha256");
  hash.update(`phase3 typecheck ${CACHE_VERSION}\0typescript ${typescriptVersion}\0${JSON.stringify(options)}\0${specFile}\0`);
  for (const file of [...userFiles, ...filesUnder(specDir)]) {
    hash.update(`${file}\0`);
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      hash.update("(missing)");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

const markerOf = (cacheDir: string, key: string) => path.join(cacheDir, ".phase3-cache", "typecheck", key);

export function isKnownClean(cacheDir: string | undefined, key: string): boolean {
  return cacheDir !== undefined && fs.existsSync(markerOf(cacheDir, key));
}

/** Remembers a clean verdict; a cache that cannot be written is no cache, not an error. */
export function rememberClean(cacheDir: string | undefined, key: string): void {
  if (cacheDir === undefined) return;
  try {
    const marker = markerOf(cacheDir, key);
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, "");
  } catch {
    // read-only folder: check again next time
  }
}
