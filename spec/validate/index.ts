/**
 * The validator: every rule, run over a spec, in a fixed order.
 *
 * `validate` is pure: it returns diagnostics and never throws, whatever the
 * value it is given. Rules run in two stages: first every rule about values
 * and how they refer to each other, all of them, so that a person sees every
 * independent mistake at once; then, only when the first stage found nothing,
 * the rules that need the memory plan (a wrong memory size is reported once,
 * as itself, not again as a layout problem).
 */
import { planMemory, type PlanResult } from "../layout/index.ts";
import type { System } from "../system.ts";
import { boardRules } from "./board.ts";
import { channelRules } from "./channels.ts";
import { deviceRules } from "./devices.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { imageRules } from "./images.ts";
import { layoutRules } from "./layout.ts";
import { limitRules } from "./limits.ts";
import { nameRules } from "./names.ts";
import { partitionRules } from "./partitions.ts";
import type { Rule, RuleContext, ValidationHost } from "./rule.ts";
import { scheduleRules } from "./schedule.ts";
import { shapeRules } from "./shape.ts";
import { sharedRules } from "./shared.ts";
import { boardOf } from "./values.ts";

/** The rules by topic, in the order they run: for the docs' rule catalogue. */
export const ruleGroups: readonly { topic: string; rules: readonly Rule[] }[] = [
  { topic: "Shape", rules: shapeRules },
  { topic: "Board and mode", rules: boardRules },
  { topic: "Names", rules: nameRules },
  { topic: "Partitions", rules: partitionRules },
  { topic: "Apps and guest images", rules: imageRules },
  { topic: "Channels", rules: channelRules },
  { topic: "Shared regions", rules: sharedRules },
  { topic: "Devices", rules: deviceRules },
  { topic: "Schedule", rules: scheduleRules },
  { topic: "Limits", rules: limitRules },
  { topic: "Memory layout (run when every rule above passes)", rules: layoutRules },
];

/** Rules about values and references, then rules about how everything fits in memory. */
const stages: Rule[][] = [ruleGroups.slice(0, -1).flatMap((g) => g.rules), layoutRules];

export const rules: readonly Rule[] = stages.flat();

export function validate(system: System, host: ValidationHost): Diagnostic[] {
  let plan: PlanResult | undefined;
  const board = boardOf(system);
  const asked = (system as { mode?: unknown } | undefined)?.mode;
  const mode = asked === "hypervisor" || asked === "microkernel" ? asked : board && !board.isa.extensions.includes("h") ? "microkernel" : "hypervisor";
  const ctx: RuleContext = { system, host, board, mode, plan: () => (plan ??= planMemory(system)) };
  for (const stage of stages) {
    const found: Diagnostic[] = [];
    for (const rule of stage) {
      for (const finding of rule.check(ctx)) found.push({ rule: rule.id, ...finding });
    }
    if (found.length) return found;
  }
  return [];
}

export type { Diagnostic, SpecPath, Finding } from "./diagnostic.ts";
export type { Rule, RuleContext, ValidationHost } from "./rule.ts";
