/**
 * The validator: every rule, run over a spec, in a fixed order.
 *
 * `validate` is pure: it returns diagnostics and never throws, whatever the
 * value it is given. Rules that depend on well-formed inputs run only when the
 * rules they depend on found nothing (a wrong memory size is reported once, as
 * itself, not again as a layout problem).
 */
import { planMemory, type PlanResult } from "../layout.ts";
import type { System } from "../system.ts";
import { boardRules } from "./board.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { layoutRules } from "./layout.ts";
import { nameRules } from "./names.ts";
import { partitionRules } from "./partitions.ts";
import type { Rule, RuleContext, ValidationHost } from "./rule.ts";

/** Rules about single values, then rules about how values fit together. */
const stages: Rule[][] = [[...boardRules, ...nameRules, ...partitionRules], layoutRules];

export const rules: readonly Rule[] = stages.flat();

export function validate(system: System, host: ValidationHost): Diagnostic[] {
  let plan: PlanResult | undefined;
  const ctx: RuleContext = { system, host, plan: () => (plan ??= planMemory(system)) };
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
