/**
 * Evaluating a bundled spec and taking its default export. A throw while it
 * loads is located at its line in the spec, through the bundle's source map.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { problemAt, type Located } from "./located.ts";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where in the spec a throw happened: its first stack frame in the spec file,
 * as Node maps it, or else its first frame in the bundle mapped through the
 * bundle's own source map (for hosts whose stack traces skip source maps).
 */
function throwSite(file: string, bundled: { code: string; outfile: string }, stack: string): { line: number; column: number } | undefined {
  const direct = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(stack);
  if (direct) return { line: Number(direct[1]), column: Number(direct[2]) };
  const inBundle = new RegExp(`${escapeRegExp(path.basename(bundled.outfile))}(?:\\?[^:]*)?:(\\d+):(\\d+)`).exec(stack);
  const map = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(bundled.code);
  if (!inBundle || !map) return undefined;
  const entry = new SourceMap(JSON.parse(Buffer.from(map[1], "base64").toString("utf8"))).findEntry(Number(inBundle[1]) - 1, Number(inBundle[2]) - 1);
  if (!("originalSource" in entry) || path.resolve(path.dirname(bundled.outfile), entry.originalSource) !== file) return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** Evaluates a bundle and takes its default export. */
export async function evaluate(file: string, bundled: { code: string; outfile: string }): Promise<{ ok: true; value: unknown } | { ok: false; problems: Located[] }> {
  try {
    process.setSourceMapsEnabled(true);
    fs.writeFileSync(bundled.outfile, bundled.code);
    // the query makes each load a new module, so --watch sees edits
    const module = (await import(`${pathToFileURL(bundled.outfile).href}?v=${createHash("sha256").update(bundled.code).digest("hex").slice(0, 12)}`)) as { default?: unknown };
    if (!("default" in module)) return { ok: false, problems: [problemAt("spec-no-default-export", file, "the spec must `export default defineSystem({ ... })`")] };
    return { ok: true, value: module.default };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    const at = throwSite(file, bundled, stack);
    return { ok: false, problems: [problemAt("spec-load-failed", file, `the spec threw while loading: ${message}`, at?.line ?? 0, at?.column ?? 0)] };
  } finally {
    fs.rmSync(bundled.outfile, { force: true });
  }
}

