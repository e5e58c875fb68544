/** Builds are reproducible: an unchanged spec rewrites nothing, and the same spec gives the same bytes. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline/index.ts";
import { runMake } from "../../generator/pipeline/make/make.ts";
import { ROOT, outDir } from "../helpers.ts";

const HELLO = path.join(ROOT, "examples", "hello", "system.ts");

describe("reproducible builds", () => {
  it("regenerating an unchanged spec writes nothing", async () => {
    const out = outDir("regenerate");
    const first = await generate(HELLO, out);
    const second = await generate(HELLO, out);
    expect(first.ok && second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.write.written).toEqual([]);
    expect(second.write.unchanged.length).toBe(second.files.size);
  });

  it("two clean builds of the same spec give byte-identical images", async () => {
    const images: Buffer[][] = [];
    for (const name of ["repro-a", "repro-b"]) {
      const out = outDir(name);
      fs.rmSync(out, { recursive: true, force: true });
      const generated = await generate(HELLO, out);
      expect(generated.ok).toBe(true);
      const made = await runMake(out);
      expect(made.ok, made.output).toBe(true);
      images.push(["elf", "bin", "hex", "mem"].map((ext) => fs.readFileSync(path.join(out, `hello.${ext}`))));
    }
    for (let i = 0; i < images[0].length; i++) expect(images[0][i].equals(images[1][i])).toBe(true);
  });
});
