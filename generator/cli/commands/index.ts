/** Every command, with the one line `phase3 --help` shows; modules load on use. */
import type { Command } from "../command.ts";

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  new: { summary: "create a project: a spec and two apps that build and boot as they are", load: async () => (await import("./new.ts")).command },
  check: { summary: "validate a spec; exit 1 with located problems", load: async () => (await import("./check.ts")).command },
  build: { summary: "generate C into the build folder and build the images", load: async () => (await import("./build.ts")).command },
  graph: { summary: "draw the system as an SVG in the build folder and print its path", load: async () => (await import("./graph.ts")).command },
  run: { summary: "build, boot in QEMU, exit with the system's status", load: async () => (await import("./run.ts")).command },
  flash: { summary: "build and write the image to an FPGA board with its own flow (--dry-run shows it)", load: async () => (await import("./flash.ts")).command },
  doctor: { summary: "check the toolchain, QEMU and flash tools; say how to install what is missing", load: async () => (await import("./doctor.ts")).command },
};
