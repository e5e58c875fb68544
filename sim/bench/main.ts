/**
 * `npm run bench`: builds and runs every benchmark system, prints a table and
 * writes bench/results.json. `--compare old.json` shows what moved.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PHASE3_ROOT } from "../../generator/load/load-spec.ts";
import { findTool, toolVersion } from "../../generator/toolchain/resolve.ts";
import { countLines, type Footprint } from "./footprint.ts";
import { runBenchmarkSystem, type Figure } from "./harness.ts";

const BENCH_DIR = path.join(PHASE3_ROOT, "bench");
const OUT = path.join(BENCH_DIR, ".out");

/** Hand-written firmware of hypervisor mode: what a partition must trust. */
function tcbFiles(): string[] {
  const roots = ["core", "arch/riscv", "platform", "common"].map((d) => path.join(PHASE3_ROOT, "firmware", d));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(c|h|S)$/.test(e.name)) files.push(full);
    }
  };
  roots.forEach(walk);
  return files.sort();
}

interface Results {
  machine: { qemu: string; compiler: string; host: string };
  figures: Figure[];
  footprint: Footprint & { tcbLines: { total: number; code: number } };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { compare: { type: "string" } } });
  const systems = fs
    .readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(BENCH_DIR, e.name, "system.ts")))
    .map((e) => path.join(BENCH_DIR, e.name, "system.ts"))
    .sort();
  const figures: Figure[] = [];
  let footprint: Footprint | undefined;
  for (const spec of systems) {
    const run = await runBenchmarkSystem(spec, OUT);
    figures.push(...run.figures);
    if (path.basename(path.dirname(spec)) === "boot") footprint = run.footprint;
  }
  if (!footprint) throw new Error("the boot benchmark did not run");
  const results: Results = {
    machine: {
      qemu: toolVersion(findTool("qemu-riscv64")!),
      compiler: toolVersion(findTool("gcc")!),
      host: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores`,
    },
    figures,
    footprint: { ...footprint, tcbLines: countLines(tcbFiles()) },
  };

  console.log("figure                               value  unit");
  for (const f of figures) console.log(`${f.name.padEnd(32)} ${String(f.value).padStart(9)}  ${f.unit}`);
  const fp = results.footprint;
  console.log(`\nhypervisor core      text ${fp.core.text}  data ${fp.core.data}  bss ${fp.core.bss}`);
  console.log(`generated tables     text ${fp.generated.text}  data ${fp.generated.data}  bss ${fp.generated.bss}`);
  console.log(`G-stage page tables  ${fp.pageTables}`);
  console.log(`libgcc               text ${fp.libgcc.text}`);
  console.log(`trusted code         ${fp.tcbLines.code} lines of C and assembly (${fp.tcbLines.total} with comments)`);

  if (values.compare) {
    const old = JSON.parse(fs.readFileSync(values.compare, "utf8")) as Results;
    const before = new Map(old.figures.map((f) => [`${f.system}/${f.name}`, f.value]));
    const moved = figures.filter((f) => before.get(`${f.system}/${f.name}`) !== f.value);
    console.log(moved.length ? "\nmoved since the comparison run:" : "\nnothing moved since the comparison run");
    for (const f of moved) console.log(`  ${f.name.padEnd(30)} ${before.get(`${f.system}/${f.name}`) ?? "new"} -> ${f.value} ${f.unit}`);
  }
  fs.writeFileSync(path.join(BENCH_DIR, "results.json"), JSON.stringify(results, null, 2) + "\n");
  return 0;
}

process.exitCode = await main();
