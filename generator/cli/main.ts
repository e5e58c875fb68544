/**
 * The phase3 command line: finds the command, parses its options, and turns
 * every user mistake into a message and an exit code, never a stack trace.
 */
import { parseArgs } from "node:util";
import { UsageError, type Command } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { paint, UserError } from "./output.ts";

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: phase3 <command> [arguments]\n\nCommands:\n${lines.join("\n")}\n\nRun \`phase3 <command> --help\` for a command's options.\n`;
}

function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(([opt, o]) => `  --${opt}${o.type === "string" ? " <value>" : ""}`);
  return `Usage: phase3 ${command.usage}\n\n${COMMANDS[name].summary}\n${options.length ? `\nOptions:\n${options.join("\n")}\n` : ""}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command "${name}"`);
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandHelp(name, command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: command.options });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\nUsage: phase3 ${command.usage}`);
  }
  return command.run({ args: parsed.positionals, options: parsed.values });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`phase3: ${error.message}`);
    if (!error.message.includes("Usage:")) console.error(`\n${usage()}`);
    process.exitCode = 2;
  } else if (error instanceof UserError || (error instanceof Error && error.name === "MissingToolError")) {
    console.error(paint(`phase3: ${error.message}`, "red", process.stderr));
    process.exitCode = 1;
  } else {
    console.error(paint("phase3: internal error; please report it with the spec that caused it.", "red", process.stderr));
    console.error(error instanceof Error && process.env.PHASE3_DEBUG ? error.stack : String(error));
    process.exitCode = 70;
  }
}
