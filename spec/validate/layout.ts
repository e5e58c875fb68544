/** Rules that need the memory plan: does everything fit, and where. */
import type { LayoutProblem } from "../layout.ts";
import type { Rule, RuleContext } from "./rule.ts";

function layoutRule(id: LayoutProblem["rule"], summary: string): Rule {
  return {
    id,
    summary,
    *check(ctx: RuleContext) {
      const result = ctx.plan();
      if (!result.ok) yield* result.problems.filter((p) => p.rule === id);
    },
  };
}

export const layoutRules: Rule[] = [
  layoutRule("memory-exceeds-ram", "A partition fits in the board's RAM beside the firmware's own reserve."),
  layoutRule("memory-overcommitted", "All partitions, the firmware and the page tables fit in RAM together."),
  layoutRule("memory-hits-reserved", "Nothing is placed in RAM the board reserves for something else."),
  layoutRule("stack-too-large", "A partition's stack, its guard page and one page of code fit in its memory."),
];
