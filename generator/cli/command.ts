/**
 * The shape of a CLI command. Each lives in ./commands/<name>.ts and exports
 * `command`; ./commands/index.ts lists them, loaded only when used so that
 * `phase3 --help` does not pay for TypeScript and esbuild.
 */
import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Invocation {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed options (strings and booleans by option name). */
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export interface Command {
  /** One usage line after "phase3 ", e.g. "build <spec> [--out <dir>] [--watch]". */
  usage: string;
  options: Options;
  run(invocation: Invocation): Promise<number>;
}

/** A mistake in how a command was called: printed with the usage, exit 2. */
export class UsageError extends Error {}
