/**
 * Runs the commands a Markdown page shows, so docs cannot rot.
 *
 * The convention, for everyone writing docs/*.md, README.md or a README that
 * `phase3 new` writes:
 *
 *   ```sh                 each block runs, in order, in a fresh `bash -e`
 *                         whose working directory is the checkout's root (a
 *                         temporary copy of it) or, for a project's README,
 *                         the project; a block must exit 0
 *   ```sh exit=1          ... or with this status (a command shown failing)
 *   ```c file=my/app.c    any block with file=PATH is written to PATH
 *                         (relative to that directory) before the blocks
 *                         after it run: how a page shows a file to create
 *   ```text expect=output  the lines the last sh block before it printed, in order
 *                         (other lines may come between): how a page shows
 *                         output that is worth keeping true
 *   ```text               shown, never run: commands that wait forever
 *                         (--watch, --gdb), or that must not run in a test
 *                         (npm test itself)
 *
 * Whatever the fence, an `npx phase3 <command>` it shows must be a command
 * the CLI has.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { COMMANDS } from "../generator/cli/commands/index.ts";
import { ROOT } from "./helpers.ts";

export interface Block {
  lang: string;
  attrs: Record<string, string>;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    // a fence may be indented (inside a list item): its body loses the same indent
    const open = /^( *)```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang, rest] = open;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^ *```\s*$/.test(lines[i])) body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i].trimStart());
    const attrs = Object.fromEntries([...rest.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    blocks.push({ lang, attrs, body: body.join("\n") + "\n", line: start + 1 });
  }
  return blocks;
}

/** `phase3 <word>` mentions that name no command. */
export function unknownCommands(blocks: Block[]): string[] {
  const unknown: string[] = [];
  for (const block of blocks) {
    for (const m of block.body.matchAll(/\bnpx phase3 ([a-z][\w-]*)/g)) {
      if (!(m[1] in COMMANDS) && m[1] !== "help") unknown.push(`line ${block.line}: phase3 ${m[1]}`);
    }
  }
  return unknown;
}

export interface BlockResult {
  block: Block;
  status: number;
  expected: number;
  output: string;
}

/** Runs one sh block; asynchronous, so that pages run side by side. */
function runShell(body: string, cwd: string, timeoutMs: number): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-e", "-o", "pipefail", "-c", body], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ status: -1, output: error.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, output: `${stdout}${stderr}` });
    });
  });
}

/** Runs a page's blocks in `cwd`, stopping at the first that does not exit as the page says. */
export async function runBlocks(blocks: Block[], cwd: string, timeoutMs = 180_000): Promise<BlockResult[]> {
  const results: BlockResult[] = [];
  let lastSh: BlockResult | undefined;
  for (const block of blocks) {
    if (block.attrs.file) {
      const target = path.resolve(cwd, block.attrs.file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, block.body);
    }
    if (block.attrs.expect === "output") {
      results.push(expectOutput(block, lastSh));
      if (results[results.length - 1].status !== 0) break;
      continue;
    }
    if (block.lang !== "sh") continue;
    const expected = Number(block.attrs.exit ?? 0);
    const { status, output } = await runShell(block.body, cwd, timeoutMs);
    lastSh = { block, status, expected, output };
    results.push(lastSh);
    if (status !== expected) break;
  }
  return results;
}

/** Whether the block's lines appear, in order, in the output of the sh block before it. */
function expectOutput(block: Block, previous: BlockResult | undefined): BlockResult {
  const output = (previous?.output ?? "").split("\n");
  let at = 0;
  for (const line of block.body.split("\n").filter((l) => l.trim())) {
    const found = output.indexOf(line, at);
    if (found < 0) {
      return { block, status: 1, expected: 0, output: `the line\n  ${line}\nis not in the output of the block before it (after what matched already):\n${previous?.output ?? "(no sh block before it)"}` };
    }
    at = found + 1;
  }
  return { block, status: 0, expected: 0, output: "" };
}

const NOT_COPIED = new Set(["node_modules", ".git", ".xpack", "build"]);

/**
 * A copy of the checkout to run a page in, as a fresh clone would be after
 * `npm run setup`: the sources copied, node_modules and .xpack linked (not
 * copied: 140 MB), and set-up's stamp saying the npm half is done, so that
 * `npm run setup` in a page only checks the toolchain.
 */
export function checkoutCopy(dest: string): string {
  fs.cpSync(ROOT, dest, {
    recursive: true,
    filter: (src) => {
      const relative = path.relative(ROOT, src);
      if (relative === "") return true;
      const parts = relative.split(path.sep);
      return !NOT_COPIED.has(parts[parts.length - 1]) && !relative.startsWith(path.join("test", ".out")) && !relative.startsWith(path.join("bench", ".out"));
    },
  });
  const modules = path.join(dest, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry !== ".phase3-setup") fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
  }
  const lockHash = createHash("sha256").update(fs.readFileSync(path.join(ROOT, "package-lock.json"))).digest("hex");
  fs.writeFileSync(path.join(modules, ".phase3-setup"), lockHash);
  if (fs.existsSync(path.join(ROOT, ".xpack"))) fs.symlinkSync(path.join(ROOT, ".xpack"), path.join(dest, ".xpack"));
  return dest;
}

/** What went wrong, for a failed assertion: the block, where it is, and what it printed. */
export function describeFailure(file: string, result: BlockResult): string {
  return `${file}:${result.block.line}: this block exited ${result.status}, not ${result.expected}:\n${result.block.body}\n--- output ---\n${result.output}`;
}
