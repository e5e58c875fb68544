/**
 * Write stage: put generated files in the build folder, touching only those
 * whose content changed (so make rebuilds nothing after an unchanged
 * regeneration), and removing files an earlier run generated that this one
 * no longer does. A manifest in the folder remembers what was generated.
 * report.txt, written after make, goes through writeIfChanged on its own.
 */
import fs from "node:fs";
import path from "node:path";

const MANIFEST = ".phase3-generated";

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Writes one file unless it already holds `content`; returns whether it wrote. */
export function writeIfChanged(file: string, content: string | Buffer): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (fs.existsSync(file) && fs.readFileSync(file).equals(bytes)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return true;
}

export function writeTree(outDir: string, files: Map<string, string | Buffer>): WriteResult {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  fs.mkdirSync(outDir, { recursive: true });
  const manifestPath = path.join(outDir, MANIFEST);
  const previous = fs.existsSync(manifestPath) ? fs.readFileSync(manifestPath, "utf8").split("\n").filter(Boolean) : [];

  for (const [relative, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    (writeIfChanged(path.join(outDir, relative), content) ? result.written : result.unchanged).push(relative);
  }
  for (const stale of previous.filter((f) => !files.has(f))) {
    fs.rmSync(path.join(outDir, stale), { force: true });
    result.removed.push(stale);
  }
  const manifest = [...files.keys()].sort().join("\n") + "\n";
  if (!fs.existsSync(manifestPath) || fs.readFileSync(manifestPath, "utf8") !== manifest) fs.writeFileSync(manifestPath, manifest);
  return result;
}
