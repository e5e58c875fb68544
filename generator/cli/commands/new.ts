/**
 * `phase3 new <dir> [--board <name>]`: a project that builds and boots as it
 * is — a spec, two apps, a README with the commands — linked to this
 * checkout (see generator/cli/new/project.ts for how), then checked.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { boardCatalogue, findBoard } from "../../../spec/boards/catalogue.ts";
import { PHASE3_ROOT } from "../../root.ts";
import { scaffold } from "../new/project.ts";
import { stringOption } from "../args.ts";
import { UsageError, type Command } from "../command.ts";
import { paint, printProblems, shown, step, timedStep, UserError } from "../output.ts";

export const DEFAULT_BOARD = "qemu-virt";

export const command: Command = {
  usage: "new <dir> [--board <name>] [--no-install]",
  options: { board: { type: "string" }, "no-install": { type: "boolean", default: false } },
  run: (invocation) => {
    const [dir, ...extra] = invocation.args;
    if (!dir) throw new UsageError("new needs a folder for the project, e.g. phase3 new ../my-system");
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    return newProject(dir, { board: stringOption(invocation, "board") ?? DEFAULT_BOARD, install: invocation.options["no-install"] !== true });
  },
};

export interface NewOptions {
  board: string;
  /** Run `npm install` to link the project to this checkout. */
  install: boolean;
}

function ensureEmptyFolder(dir: string, typed: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new UserError(`${typed} exists and is not a folder; pick a new name for the project`);
  const entries = fs.readdirSync(dir);
  if (entries.length) {
    throw new UserError(`${typed} is not empty (it holds ${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", ..." : ""}); phase3 new never overwrites files: pick a new or empty folder`);
  }
}

/** npm links node_modules/phase3 to the checkout; offline, since a file: link needs no registry. */
function npmInstall(dir: string): { ok: boolean; why?: string } {
  const result = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  if (result.error) return { ok: false, why: result.error.message };
  if (result.status !== 0) return { ok: false, why: (result.stderr || result.stdout).trim().split("\n").pop() };
  return { ok: true };
}

export async function newProject(typedDir: string, options: NewOptions): Promise<number> {
  const board = findBoard(options.board);
  if (!board) {
    throw new UsageError(`unknown board "${options.board}"; the boards are: ${boardCatalogue().map((b) => b.name).join(", ")}`);
  }
  const dir = path.resolve(typedDir);
  ensureEmptyFolder(dir, typedDir);

  const files = scaffold({ dir, board, phase3Root: PHASE3_ROOT });
  for (const [relative, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content, { flag: "wx" });
  }
  step(`created ${shown(dir)}: ${[...files.keys()].join(", ")}`);

  let linked = false;
  if (options.install) {
    const installed = await timedStep("linking it to this checkout (npm install)", async () => npmInstall(dir), (r) => (r.ok ? "linked node_modules/phase3 to this checkout (npm install)" : undefined));
    if (!installed.ok) console.error(paint(`phase3: npm install did not work (${installed.why}); run it in ${shown(dir)} yourself before using npx phase3 there`, "yellow", process.stderr));
    linked = installed.ok;
  }

  const { checkSpec } = await import("../../pipeline/index.ts");
  const spec = path.join(dir, "system.ts");
  const checked = await timedStep(`checking ${shown(spec)}`, () => checkSpec(spec), (c) => (c.ok ? `${shown(spec)}: ${c.spec.system.name} is valid` : undefined));
  if (!checked.ok) {
    printProblems(checked.problems, checked.source);
    return 1;
  }

  const runs = board.profile.emulator !== undefined;
  const where = shown(dir);
  console.log(`\nNext:\n`);
  if (linked) {
    console.log(`    cd ${where}`);
    console.log(`    npx phase3 ${runs ? "run" : "build"} system.ts`);
  } else {
    console.log(`    npx phase3 ${runs ? "run" : "build"} ${path.join(where, "system.ts")}`);
  }
  console.log(`\n${where}/README.md has the other commands.`);
  return 0;
}
