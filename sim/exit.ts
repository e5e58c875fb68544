/**
 * The system's exit status: the contract between the firmware, which ends the
 * run through the board's exit device, and the runner, which explains it.
 * The lowering emits these as P3_STATUS_* so the C cannot disagree.
 */
export const SYSTEM_STATUS = {
  /** Every partition returned 0. */
  OK: 0,
  /** Exit codes 1..MAX_EXIT are the first failing partition's own code. */
  MAX_EXIT: 125,
  /** A partition was stopped by a fault. */
  FAULTED: 126,
  /** The hypervisor itself faulted, or a `halt` policy stopped the system. */
  PANIC: 127,
} as const;

/** What the runner reports when it had to stop QEMU itself (as timeout(1) does). */
export const TIMED_OUT = 124;

export function describeStatus(status: number): string {
  if (status === SYSTEM_STATUS.OK) return "every partition returned 0";
  if (status >= 1 && status <= SYSTEM_STATUS.MAX_EXIT) return `a partition returned ${status}${status === SYSTEM_STATUS.MAX_EXIT ? " (or a code outside 1..125)" : ""}`;
  if (status === SYSTEM_STATUS.FAULTED) return "a partition was stopped by a fault";
  if (status === SYSTEM_STATUS.PANIC) return "the system halted: a halt fault policy or a firmware fault";
  if (status === TIMED_OUT) return "the run timed out";
  return `QEMU ended with status ${status}`;
}
