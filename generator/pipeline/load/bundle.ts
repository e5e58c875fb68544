/**
 * Bundling a spec with esbuild, resolving `import ... from "phase3"` to this
 * checkout's spec/ wherever the spec file lives; its syntax errors become
 * located problems.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { problemAt, type Located } from "./located.ts";
import { SPEC_ENTRY } from "./spec-dir.ts";

export type Bundled = { ok: true; code: string; inputs: string[]; outfile: string } | { ok: false; problems: Located[] };

/** Bundles the spec with "phase3" pointing at this checkout. */
export async function bundle(file: string): Promise<Bundled> {
  // A file, not a data: URL, so that Node maps a throw back to the spec's own
  // lines; esbuild writes the source map relative to where the bundle will be.
  const outfile = path.join(os.tmpdir(), `phase3-spec-${process.pid}-${createHash("sha256").update(file).digest("hex").slice(0, 12)}.mjs`);
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      outfile,
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      sourcemap: "inline",
      logLevel: "silent",
      metafile: true,
      absWorkingDir: path.dirname(file),
      alias: { phase3: SPEC_ENTRY },
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(path.dirname(file), input));
    return { ok: true, code: result.outputFiles[0].text, inputs, outfile };
  } catch (error) {
    const messages = (error as { errors?: esbuild.Message[] }).errors ?? [];
    return {
      ok: false,
      problems: messages.map((m) =>
        problemAt("spec-syntax", m.location ? path.resolve(path.dirname(file), m.location.file) : file, m.text, m.location?.line ?? 0, (m.location?.column ?? 0) + 1, m.location?.length ?? 1),
      ),
    };
  }
}

