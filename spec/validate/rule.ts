/**
 * A validation rule: a stable id, one line saying what it checks, and a check
 * over the spec. Rules never throw: a value of the wrong shape is a finding
 * (of `shape-invalid`), and every other rule skips it quietly.
 */
import type { BoardProfile } from "../boards/profile.ts";
import type { ExecutionMode, System } from "../system.ts";
import type { PlanResult } from "../layout/index.ts";
import type { Finding } from "./diagnostic.ts";

/** What the validator may ask of the outside world (the loader supplies it). */
export interface ValidationHost {
  /** Whether a file exists, given a path relative to the spec file. */
  fileExists(relativePath: string): boolean;
}

export interface RuleContext {
  system: System;
  host: ValidationHost;
  /** The board when it is a well-formed board profile (`board-invalid` reports it otherwise). */
  board: BoardProfile | undefined;
  /** The mode the system runs in: the spec's when it names a valid one, else the board's. */
  mode: ExecutionMode;
  /** The memory plan, computed once and shared by the layout rules. */
  plan(): PlanResult;
}

export interface Rule {
  /** Stable, kebab-case: tests, docs and users' notes refer to it. */
  id: string;
  /** What the rule checks, in one line, ending with a full stop (docs/dsl.md lists them). */
  summary: string;
  check(ctx: RuleContext): Iterable<Finding>;
}

export { entriesOf } from "./values.ts";
