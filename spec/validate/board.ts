/** Rules about the board: its builder's options and what it must offer. */
import { isBoardProfile } from "../boards/profile.ts";
import type { Rule } from "./rule.ts";

export const boardRules: Rule[] = [
  {
    id: "board-invalid",
    summary: "The board is a profile from `boards` and its options are valid.",
    *check({ system }) {
      if (!isBoardProfile(system.board)) {
        yield { path: ["board"], message: "board must be a board profile, e.g. boards.qemuVirt({ harts: 2, ram: \"256M\" })" };
        return;
      }
      for (const problem of system.board.problems ?? []) {
        yield { path: ["board", problem.option], message: problem.message };
      }
    },
  },
  {
    id: "board-needs-h",
    summary: "The board's harts have the hypervisor extension (microkernel mode for cores without it is not built yet).",
    *check({ system }) {
      if (isBoardProfile(system.board) && !system.board.isa.extensions.includes("h")) {
        yield { path: ["board"], message: `${system.board.name} has no hypervisor (H) extension, and this version of Phase3 runs only in hypervisor mode` };
      }
    },
  },
];
