/** `phase3 check <spec>`: validate only. Exit 0 when valid, 1 with located problems. */
import { checkSpec } from "../../pipeline/check.ts";
import { specArgument } from "../args.ts";
import type { Command } from "../command.ts";
import { printProblems, shown, step } from "../output.ts";

export const command: Command = {
  usage: "check <spec>",
  options: {},
  run: (invocation) => check(specArgument(invocation, "check")),
};

export async function check(specFile: string): Promise<number> {
  const started = performance.now();
  const result = await checkSpec(specFile);
  if (!result.ok) {
    printProblems(result.problems, result.source);
    return 1;
  }
  const system = result.spec.system;
  const count = Object.keys(system.partitions).length;
  step(`${shown(result.spec.file)}: ${system.name} is valid (${count} partition${count === 1 ? "" : "s"} on ${system.board.name})`, started);
  return 0;
}
