/** Argument helpers shared by the commands. */
import { UsageError, type Invocation } from "./command.ts";

/** The one spec file a command takes. */
export function specArgument(invocation: Invocation, command: string): string {
  const [spec, ...extra] = invocation.args;
  if (!spec) throw new UsageError(`${command} needs a spec file, e.g. phase3 ${command} examples/hello/system.ts`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return spec;
}

export function stringOption(invocation: Invocation, name: string): string | undefined {
  const value = invocation.options[name];
  return typeof value === "string" ? value : undefined;
}

/** A positive number of seconds. */
export function secondsOption(invocation: Invocation, name: string, fallback: number): number {
  const raw = stringOption(invocation, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number of seconds, not "${raw}"`);
  return value;
}
