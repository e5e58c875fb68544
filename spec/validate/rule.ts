/**
 * A validation rule: a stable id, one line saying what it checks, and a check
 * over the spec. Rules never throw: a value of the wrong shape is a finding.
 */
import type { System } from "../system.ts";
import type { PlanResult } from "../layout.ts";
import type { Finding } from "./diagnostic.ts";

/** What the validator may ask of the outside world (the loader supplies it). */
export interface ValidationHost {
  /** Whether a file exists, given a path relative to the spec file. */
  fileExists(relativePath: string): boolean;
}

export interface RuleContext {
  system: System;
  host: ValidationHost;
  /** The memory plan, computed once and shared by the layout rules. */
  plan(): PlanResult;
}

export interface Rule {
  id: string;
  /** What the rule checks, in one line (docs and `phase3 check --rules`). */
  summary: string;
  check(ctx: RuleContext): Iterable<Finding>;
}

/** Object entries of a value that should be a record, or none when it is not one. */
export function entriesOf(value: unknown): [string, unknown][] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}
