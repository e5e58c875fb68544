/**
 * What a run's status means, for people. The statuses themselves are the
 * firmware's contract (spec/abi/status.ts); TIMED_OUT is the runner's own.
 */
import { SYSTEM_STATUS } from "../spec/abi/status.ts";

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
