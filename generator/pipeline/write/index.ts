/**
 * Write stage: put generated files in the build folder, touching only those
 * whose content changed (so make rebuilds nothing after an unchanged
 * regeneration), and removing files an earlier run generated that this one
 * no longer does. A manifest in the folder remembers what was generated.
 */
import fs from "node:fs";
import path from "node:path";

const MANIFEST = ".phase3-generated";

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

export function writeTree(outDir: string, files: Map<string, string | Buffer>): WriteResult {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  fs.mkdirSync(outDir, { recursive: true });
  const manifestPath = path.join(outDir, MANIFEST);
  const previous = fs.existsSync(manifestPath) ? fs.readFileSync(manifestPath, "utf8").split("\n").filter(Boolean) : [];

  for (const [relative, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const target = path.join(outDir, relative);
    const current = fs.existsSync(target) ? fs.readFileSync(target) : undefined;
    if (current && current.equals(typeof content === "string" ? Buffer.from(content) : content)) {
      result.unchanged.push(relative);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    result.written.push(relative);
  }
  for (const stale of previous.filter((f) => !files.has(f))) {
    fs.rmSync(path.join(outDir, stale), { force: true });
    result.removed.push(stale);
  }
  const manifest = [...files.keys()].sort().join("\n") + "\n";
  if (!fs.existsSync(manifestPath) || fs.readFileSync(manifestPath, "utf8") !== manifest) fs.writeFileSync(manifestPath, manifest);
  return result;
}
