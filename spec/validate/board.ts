/** Rules about the board and the execution mode: its builder's options and the features the spec needs from it. */
import { FIRMWARE_DRIVERS, isBoardProfile } from "../boards/profile.ts";
import type { Rule, RuleContext } from "./rule.ts";
import { entriesOf, field, isRecord, profileFlaw, shown } from "./values.ts";

const hasH = (ctx: RuleContext) => ctx.board?.isa.extensions.includes("h") ?? true;
const microkernel = (ctx: RuleContext) => ctx.mode === "microkernel";

export const boardRules: Rule[] = [
  {
    id: "board-invalid",
    summary: "The board is a profile from `boards` and its options are valid.",
    *check({ system }) {
      const board = field(system, "board");
      if (!isBoardProfile(board) || !isRecord(board)) {
        yield { path: ["board"], message: "board must be a board profile, e.g. boards.qemuVirt({ harts: 2, ram: \"256M\" })" };
        return;
      }
      const problems = Array.isArray(board.problems) ? board.problems : [];
      for (const problem of problems) {
        yield { path: ["board", String(field(problem, "option"))], message: String(field(problem, "message")) };
      }
      if (problems.length === 0) {
        const flaw = profileFlaw(board);
        if (flaw) yield { path: ["board"], message: `the board profile ${typeof board.name === "string" ? `"${board.name}" ` : ""}is malformed: ${flaw}` };
      }
    },
  },
  {
    id: "board-unsupported",
    summary: "The board's console, timer and exit device are of kinds the firmware has drivers for.",
    *check({ board }) {
      if (!board) return;
      for (const [role, kinds] of Object.entries(FIRMWARE_DRIVERS) as [keyof typeof FIRMWARE_DRIVERS, readonly string[]][]) {
        const name = board[role];
        if (name === undefined) continue;
        const device = board.devices[name];
        if (!device) continue; // board-invalid says so
        const kind = device.kind;
        if (!kinds.includes(kind)) {
          yield { path: ["board"], message: `${board.name}'s ${role === "exitDevice" ? "exit device" : role} "${name}" is a ${kind}, which the firmware has no driver for (it drives ${kinds.join(", ")}); add one in firmware/platform first` };
        }
      }
    },
  },
  {
    id: "mode-invalid",
    summary: "The mode, when given, is \"hypervisor\" or \"microkernel\".",
    *check({ system }) {
      const mode = field(system, "mode");
      if (mode !== undefined && mode !== "hypervisor" && mode !== "microkernel") {
        yield { path: ["mode"], message: `mode is ${shown(mode)}; use "hypervisor" or "microkernel", or leave it out to follow the board` };
      }
    },
  },
  {
    id: "mode-needs-h",
    summary: "Mode \"hypervisor\" is asked for only on a board whose harts have the H extension.",
    *check(ctx) {
      if (ctx.board && !hasH(ctx) && field(ctx.system, "mode") === "hypervisor") {
        yield { path: ["mode"], message: `mode "hypervisor" needs the H extension, which ${ctx.board.name} lacks; pick a board with H (e.g. boards.qemuVirt() with h: true)` };
      }
    },
  },
  {
    id: "mode-needs-pmp",
    summary: "Microkernel mode runs on a board whose harts have user mode and PMP entries.",
    *check(ctx) {
      const board = ctx.board;
      if (!board || !microkernel(ctx)) return;
      const entries = board.pmp?.entries ?? 0;
      if (!board.isa.extensions.includes("u") || entries === 0) {
        const lacks = !board.isa.extensions.includes("u") ? "user mode (U)" : "PMP entries";
        yield { path: [field(ctx.system, "mode") === undefined ? "board" : "mode"], message: `microkernel mode runs partitions in U-mode behind PMP, but ${board.name}'s harts have no ${lacks}; pick a board with both, or one with H for hypervisor mode` };
      }
    },
  },
  {
    id: "image-needs-h",
    summary: "Guest images run only in hypervisor mode, on a board with the H extension.",
    *check(ctx) {
      if (!microkernel(ctx)) return;
      for (const [name, p] of entriesOf(field(ctx.system, "partitions"))) {
        if (isRecord(p) && p.image !== undefined) {
          yield { path: ["partitions", name, "image"], message: `partition "${name}" runs a guest image, which needs hypervisor mode and a board with the H extension; run a Phase3 app instead` };
        }
      }
    },
  },
];
