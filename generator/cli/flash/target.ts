/**
 * Which flow `phase3 flash` uses. `--board` names the spec's board, which
 * picks its first (preferred) flow, or `<board>:<flow>` for another one,
 * e.g. `e300-arty:jtag`. Anything else is a mistake, answered with the list
 * of what the board offers.
 */
import type { FlashFlow } from "../../../spec/boards/flash.ts";
import type { BoardProfile } from "../../../spec/boards/profile.ts";
import { FlashError } from "./errors.ts";

/** Every name `--board` accepts for this board, with what each does. */
export function flashTargets(board: BoardProfile): { name: string; flow: FlashFlow }[] {
  const flows = board.flash ?? [];
  return flows.flatMap((flow, i) => [...(i === 0 ? [{ name: board.name, flow }] : []), { name: `${board.name}:${flow.name}`, flow }]);
}

export function chooseFlow(board: BoardProfile, requested: string | undefined): FlashFlow {
  const targets = flashTargets(board);
  if (targets.length === 0) {
    throw new FlashError(
      board.emulator
        ? `${board.name} is a QEMU machine: there is nothing to flash; boot it with \`phase3 run\``
        : `${board.name} has no flash flow in its profile; add one to its \`flash\` list (see docs/boards-and-flashing.md)`,
    );
  }
  if (requested === undefined) return targets[0].flow;
  const found = targets.find((t) => t.name === requested);
  if (found) return found.flow;
  const width = Math.max(...targets.map((t) => t.name.length));
  const choices = targets
    .map((t, i) => `  ${t.name.padEnd(width)}  ${i === 0 ? `the same as ${targets[1].name}` : t.flow.summary}`)
    .join("\n");
  const other = requested.split(":")[0] !== board.name ? ` The spec's board is ${board.name}; to flash another board, use a spec for it.` : "";
  throw new FlashError(`--board ${requested} is not a flash target of this spec.${other} Choose one of:\n${choices}`);
}
