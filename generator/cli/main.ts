/**
 * The phase3 command line. Each command is a module in ./commands; this file
 * parses arguments and turns every user mistake into a message and an exit
 * code, never a stack trace.
 */
import { parseArgs } from "node:util";
import { MissingToolError } from "../toolchain/resolve.ts";
import { build } from "./commands/build.ts";
import { check } from "./commands/check.ts";
import { run } from "./commands/run.ts";
import { paint, UserError } from "./output.ts";

const USAGE = `Usage: phase3 <command> <spec.ts> [options]

Commands:
  check <spec>     validate a spec; exit 1 with located problems
  build <spec>     generate C into the build folder and build the images
  run <spec>       build, boot in QEMU, exit with the system's status

Options:
  --out <dir>      build folder (default: build/ beside the spec)
  --timeout <s>    run: stop QEMU after this many seconds (default 60)
  --gdb            run: wait for a debugger before the first instruction
  --icount         run: count instructions (deterministic timing)
  -h, --help       this text
`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        timeout: { type: "string", default: "60" },
        gdb: { type: "boolean", default: false },
        icount: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, spec, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!["check", "build", "run"].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (!spec) throw new UsageError(`${command} needs a spec file, e.g. phase3 ${command} examples/hello/system.ts`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, not "${values.timeout}"`);

  switch (command) {
    case "check":
      return check(spec);
    case "build":
      return build(spec, { outDir: values.out });
    default:
      return run(spec, { outDir: values.out, timeoutSeconds, gdb: values.gdb, icount: values.icount });
  }
}

class UsageError extends Error {}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`phase3: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof UserError || error instanceof MissingToolError) {
    console.error(paint(`phase3: ${error.message}`, "red", process.stderr));
    process.exitCode = 1;
  } else {
    console.error(paint("phase3: internal error; please report it with the spec that caused it.", "red", process.stderr));
    console.error(error instanceof Error && process.env.PHASE3_DEBUG ? error.stack : String(error));
    process.exitCode = 70;
  }
}
