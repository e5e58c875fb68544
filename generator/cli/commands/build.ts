/** `phase3 build <spec>`: generate the C and build the images with make; `--watch` keeps doing it. */
import { specArgument, stringOption } from "../args.ts";
import type { Command } from "../command.ts";
import { buildSystem } from "../show-build.ts";

export const command: Command = {
  usage: "build <spec> [--out <dir>] [--watch]",
  options: { out: { type: "string" }, watch: { type: "boolean", default: false } },
  run: async (invocation) => {
    const spec = specArgument(invocation, "build");
    const options = { outDir: stringOption(invocation, "out") };
    if (invocation.options.watch === true) return (await import("../watch/watch-build.ts")).watchBuild(spec, options);
    return (await buildSystem(spec, options)).ok ? 0 : 1;
  },
};
