/**
 * What the validator reports: a stable rule id, a one-line message and the
 * path of the offending value inside the spec object. The loader maps the path
 * to file:line:col in the user's spec.
 */

/** Keys from the spec's root to a value: ["partitions", "ping", "memory"]. */
export type SpecPath = readonly (string | number)[];

export interface Diagnostic {
  /** Stable rule id, e.g. "memory-not-page-aligned". */
  rule: string;
  message: string;
  path: SpecPath;
}

/** A finding of one rule, before the rule id is attached. */
export interface Finding {
  path: SpecPath;
  message: string;
}
