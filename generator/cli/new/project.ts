/**
 * The files of a new project (`phase3 new`): a spec, two apps, a README with
 * the commands, and what lets it live outside the checkout:
 *
 * - package.json declares `"phase3": "file:<checkout>"`. `npm install` makes
 *   node_modules/phase3 a link to the checkout (no download, well under a
 *   second), which gives the project `npx phase3` and lets an editor resolve
 *   `import ... from "phase3"` through the package's `exports` (spec/index.ts).
 * - tsconfig.json has the compiler options the spec files need (bundler
 *   resolution, .ts imports), so the editor checks system.ts as phase3 does.
 *
 * One mechanism, npm's own, rather than a tsconfig `paths` entry beside it:
 * two places naming the checkout would drift apart when either moves.
 */
import path from "node:path";
import type { CatalogueEntry } from "../../../spec/boards/catalogue.ts";

export interface ScaffoldInput {
  /** Absolute path of the new project's folder. */
  dir: string;
  board: CatalogueEntry;
  /** Absolute path of the Phase3 checkout. */
  phase3Root: string;
}

/** Options that make a small, quick system on the boards that take them; others get their defaults. */
const BOARD_OPTIONS: Record<string, string> = {
  qemuVirt: '{ harts: 1, ram: "64M" }',
};

const RESERVED = new Set(["main", "phase3"]);

/** The folder's name as a C identifier: the system's name. */
export function systemName(dir: string): string {
  let name = path.basename(dir).replace(/[^A-Za-z0-9_]/g, "_").slice(0, 31);
  if (!/^[A-Za-z_]/.test(name)) name = `p3_${name}`.slice(0, 31);
  return RESERVED.has(name) ? `${name}_system` : name;
}

function packageName(dir: string): string {
  return path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]/g, "-").replace(/^[._]/, "") || "phase3-system";
}

/**
 * How the project names a place in the checkout: relative when the two are
 * close (they move together, e.g. side by side), absolute when they are far
 * apart, where ../../../ would only obscure it. Forward slashes either way.
 */
function relativeTo(from: string, to: string): string {
  const relative = path.relative(from, to);
  const ups = relative.split(path.sep).filter((part) => part === "..").length;
  return (ups <= 2 ? relative : path.resolve(to)).split(path.sep).join("/") || ".";
}

const GREETER = `/* greeter: says hello and returns 0, which becomes its exit code. */
#include <phase3.h>

int main(void)
{
    p3_printf("hello from %s, partition %d\\n", P3_PARTITION_NAME, P3_PARTITION_ID);
    return 0;
}
`;

const COUNTER = `/* counter: counts to three, letting the other partition run between lines. */
#include <phase3.h>

int main(void)
{
    for (int i = 1; i <= 3; i++) {
        p3_printf("count %d\\n", i);
        p3_yield(); /* give the hart to the next partition on it */
    }
    return 0;
}
`;

function spec(name: string, input: ScaffoldInput): string {
  const { board } = input;
  const runLine = board.profile.emulator ? "npx phase3 run system.ts" : "npx phase3 build system.ts";
  return `/**
 * ${name}: two partitions on hart 0 of ${board.name}, each running its own app
 * in isolation, with no operating system.
 *
 *   ${runLine}
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "${name}",
  board: boards.${board.builder}(${BOARD_OPTIONS[board.builder] ?? ""}),
  partitions: {
    greeter: { app: "apps/greeter.c", memory: "64K", hart: 0 },
    counter: { app: "apps/counter.c", memory: "64K", hart: 0 },
  },
});
`;
}

function readme(name: string, input: ScaffoldInput): string {
  const docs = relativeTo(input.dir, path.join(input.phase3Root, "docs"));
  const checkout = relativeTo(input.dir, input.phase3Root);
  const runs = input.board.profile.emulator !== undefined;
  const runBlock = runs
    ? `Boot it in QEMU: this builds first, prints each partition's lines prefixed
with its name, and exits with the system's status (0 when every app returned 0):

\`\`\`sh
npx phase3 run system.ts
\`\`\`
`
    : `${input.board.name} has no QEMU model: build the images here, then flash them
to the board (see ${docs}/boards-and-flashing.md).
`;
  return `# ${name}

A Phase3 system: two partitions, \`greeter\` and \`counter\`, on ${input.board.name}.
Each runs its own app, a plain C program in \`apps/\`, isolated from the other.

## Commands

Run these in this folder. Check the spec (exit 1 with located problems):

\`\`\`sh
npx phase3 check system.ts
\`\`\`

Generate the C into \`build/\` and build the images (\`build/${name}.elf\`, \`.bin\`,
\`.hex\`, \`.mem\`, and \`build/report.txt\`, the memory map):

\`\`\`sh
npx phase3 build system.ts
\`\`\`

${runBlock}
While you edit, rebuild on every save, or wait for a debugger:

\`\`\`text
npx phase3 build system.ts --watch
npx phase3 run system.ts --gdb
\`\`\`

## Files

    system.ts        the spec: board, partitions, their apps and memory
    apps/greeter.c   the apps: int main(void) against <phase3.h>
    apps/counter.c
    package.json     links this project to your Phase3 checkout (${checkout})
    tsconfig.json    lets your editor type-check system.ts as phase3 does

\`npx phase3\` and your editor find Phase3 through \`node_modules/phase3\`, a link
that \`npm install\` made from package.json's \`"phase3": "file:${checkout}"\`.
If you move this folder or the checkout, change that path and run
\`npm install\` again. \`npm start\` and \`npm run build\` are the run and
build commands above.

## Next

Add a partition: write \`apps/<name>.c\`, add a line under \`partitions\` in
system.ts, and run again. The guide: ${docs}/getting-started.md.
`;
}

export function scaffold(input: ScaffoldInput): Map<string, string> {
  const name = systemName(input.dir);
  const files = new Map<string, string>();
  files.set("system.ts", spec(name, input));
  files.set("apps/greeter.c", GREETER);
  files.set("apps/counter.c", COUNTER);
  files.set("README.md", readme(name, input));
  files.set(
    "package.json",
    `${JSON.stringify(
      {
        name: packageName(input.dir),
        private: true,
        type: "module",
        scripts: { build: "phase3 build system.ts", start: "phase3 run system.ts" },
        devDependencies: { phase3: `file:${relativeTo(input.dir, input.phase3Root)}` },
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    "tsconfig.json",
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          allowImportingTsExtensions: true,
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ["ES2022"],
        },
        include: ["*.ts"],
      },
      null,
      2,
    )}\n`,
  );
  files.set(".gitignore", "build/\nnode_modules/\n");
  return files;
}
