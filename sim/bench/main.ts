/**
 * `npm run bench`: runs the bare-metal floor and every benchmark system under
 * -icount, measures the tool's speed, prints a table and writes
 * bench/results.json.
 *
 *   --compare <old.json>   show every figure that moved since old.json (which
 *                          may be bench/results.json itself: it is read first)
 *   --update-doc           rewrite the generated parts of BENCHMARKS.md
 *   --markdown             print those parts instead
 *   --only <a,b>           run only these bench/ folders (no results.json)
 *   --no-tool-speed        skip the tool-speed timings
 *   --tool-runs <n>        time each tool step n times (median), default 1
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { paint } from "../../generator/terminal.ts";
import { PHASE3_ROOT } from "../../generator/root.ts";
import { requireTool, toolVersion } from "../../generator/toolchain/resolve.ts";
import { BenchError } from "./errors.ts";
import { MeasurementError } from "./figures.ts";
import { buildFloor, FLOOR_BOARD, runFloor } from "./floor.ts";
import { runBenchmarkSystem, type Figure } from "./harness.ts";
import {
  compareResults,
  consoleReport,
  formatComparison,
  markdownConfiguration,
  markdownFigures,
  markdownFloor,
  markdownFootprint,
  markdownToolSpeed,
  RESULTS_FORMAT,
  runOf,
  updateDocument,
  type Results,
  type SystemResult,
} from "./report.ts";
import { markdownScaling } from "./scaling.ts";
import { discoverBenches, type PrepareContext } from "./suite.ts";
import { machineDescription, measureToolSpeed } from "./toolspeed.ts";

const BENCH_DIR = path.join(PHASE3_ROOT, "bench");
const OUT = path.join(BENCH_DIR, ".out");
const RESULTS = path.join(BENCH_DIR, "results.json");
const DOC = path.join(PHASE3_ROOT, "BENCHMARKS.md");
const ICOUNT = "shift=0,sleep=off";
const TOOL_SPEED_EXAMPLE = path.join(PHASE3_ROOT, "examples", "hello");

const USAGE = "usage: npm run bench [-- --compare <old.json>] [--update-doc] [--markdown] [--only <bench,...>] [--no-tool-speed] [--tool-runs <n>]";

function progress(text: string): void {
  process.stderr.write(`${paint("bench", "cyan", process.stderr)} ${text}\n`);
}

function readOld(file: string): Partial<Results> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new BenchError(`--compare: cannot read ${file}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<Results>;
    if (!Array.isArray(parsed.figures)) throw new Error("no figures");
    return parsed;
  } catch {
    throw new BenchError(`--compare: ${file} is not a results file of npm run bench`);
  }
}

async function prepare(preparePath: string, context: PrepareContext): Promise<void> {
  const module = (await import(preparePath)) as { default?: (ctx: PrepareContext) => void | Promise<void> };
  if (typeof module.default !== "function") throw new BenchError(`${path.relative(PHASE3_ROOT, preparePath)} must export a default function`);
  try {
    await module.default(context);
  } catch (error) {
    if (error instanceof BenchError || (error instanceof Error && error.name === "MissingToolError")) throw error;
    throw new BenchError(`${path.relative(PHASE3_ROOT, preparePath)} failed:\n${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        compare: { type: "string" },
        "update-doc": { type: "boolean", default: false },
        markdown: { type: "boolean", default: false },
        only: { type: "string" },
        "no-tool-speed": { type: "boolean", default: false },
        "tool-runs": { type: "string", default: "1" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const toolRuns = Number(values["tool-runs"]);
  if (!Number.isInteger(toolRuns) || toolRuns < 1) throw new BenchError(`--tool-runs wants a whole number from 1, not ${values["tool-runs"]}`);
  const only = values.only ? new Set(values.only.split(",").map((s) => s.trim()).filter(Boolean)) : undefined;
  if (only && values["update-doc"]) throw new BenchError("--update-doc needs every benchmark: leave out --only");
  const old = values.compare ? readOld(values.compare) : undefined;

  const benches = discoverBenches(BENCH_DIR).filter((b) => !only || only.has(b.name));
  if (only) {
    const unknown = [...only].filter((name) => name !== "floor" && !benches.some((b) => b.name === name));
    if (unknown.length) throw new BenchError(`--only: no benchmark named ${unknown.join(", ")} in bench/`);
  }

  fs.mkdirSync(OUT, { recursive: true });
  const configuration = {
    qemu: toolVersion(requireTool("qemu-riscv64")),
    compiler: toolVersion(requireTool("gcc")),
    icount: ICOUNT,
    host: machineDescription(),
  };

  progress("floor: bare metal on the same QEMU");
  const floorElf = buildFloor(path.join(BENCH_DIR, "floor"), OUT);
  const floor = (await runFloor(floorElf)).map((f) => ({
    ...f,
    board: FLOOR_BOARD.name,
    machine: FLOOR_BOARD.emulator?.machine ?? "virt",
  }));
  const calibration = floor.find((f) => f.name === "calibration_4_nops");
  if (calibration && calibration.value !== 4) {
    throw new MeasurementError(`the floor's calibration counts ${calibration.value} instructions for four nops: this QEMU does not count instructions as the harness assumes`);
  }

  const figures: Figure[] = [];
  const systems: SystemResult[] = [];
  for (const bench of benches) {
    if (bench.prepare) {
      progress(`${bench.name}: prepare`);
      await prepare(bench.prepare, { dir: bench.dir, outRoot: OUT });
    }
    for (const spec of bench.specs) {
      progress(`${runOf(spec)}: build and run`);
      const run = await runBenchmarkSystem(spec, OUT);
      figures.push(...run.figures);
      systems.push({ run: runOf(spec), configuration: run.configuration, footprint: run.footprint, trusted: run.trusted });
    }
  }

  let toolSpeed;
  if (!values["no-tool-speed"] && !only) {
    progress(`tool speed: phase3 check and build of ${path.relative(PHASE3_ROOT, TOOL_SPEED_EXAMPLE)}`);
    toolSpeed = measureToolSpeed(TOOL_SPEED_EXAMPLE, path.join(OUT, "tool-speed"), toolRuns);
  }

  const results: Results = { format: RESULTS_FORMAT, configuration, floor, figures, systems, ...(toolSpeed ? { toolSpeed } : {}) };
  console.log(consoleReport(results));
  console.log(`\n${markdownConfiguration(results).replace(/`/g, "")}`);
  if (old && values.compare) {
    // with --only, what was not run has not moved
    const ran = new Set(figures.map((f) => f.system));
    const comparable = only ? { ...old, figures: (old.figures ?? []).filter((f) => ran.has(f.system)) } : old;
    console.log(`\n${formatComparison(compareResults(comparable, results), values.compare)}`);
  }
  if (values.markdown) {
    console.log(["", markdownFigures(results), "", markdownFloor(results), "", markdownScaling(results.figures), "", markdownFootprint(results), "", markdownToolSpeed(results)].join("\n"));
  }
  if (only) {
    console.log(`\n(--only: ${RESULTS} left as it was)`);
  } else {
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + "\n");
    console.log(`\nwrote ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  }
  if (values["update-doc"]) {
    fs.writeFileSync(DOC, updateDocument(fs.readFileSync(DOC, "utf8"), results));
    console.log(`updated the generated tables of ${path.relative(process.cwd(), DOC) || DOC}`);
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BenchError) {
    error.detail?.();
    console.error(paint(`bench: ${error.message}`, "red", process.stderr));
    process.exitCode = 1;
  } else if (error instanceof MeasurementError || (error instanceof Error && error.name === "MissingToolError")) {
    console.error(paint(`bench: ${error.message}`, "red", process.stderr));
    process.exitCode = 1;
  } else {
    console.error(paint("bench: internal error in the harness; please report it.", "red", process.stderr));
    console.error(error instanceof Error && process.env.PHASE3_DEBUG ? error.stack : String(error));
    process.exitCode = 70;
  }
}
