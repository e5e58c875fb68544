/**
 * The system's exit status: the contract between the firmware, which ends the
 * run through the board's exit device, and whoever runs it (sim/, a board's
 * test rig). The lowering emits these as P3_STATUS_* so the C cannot disagree;
 * sim/exit.ts explains them.
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
