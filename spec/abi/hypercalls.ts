/**
 * The Phase3 hypercall ABI, declared once.
 *
 * A partition calls the hypervisor (or, in microkernel mode, the kernel) with
 * `ecall`: a7 holds {@link EXTENSION_ID}, a6 the call's function id (`@fid`),
 * a0 to a5 the arguments. Like an SBI call, it returns an error code in a0 (0,
 * or a negative {@link P3Error}) and a value in a1. Unlike an SBI call, a
 * Phase3 call follows the C calling convention: it may change every
 * caller-saved register (ra, t0-t6, a0-a7) and keeps every callee-saved one.
 * That is what lets `@fast` calls skip the full register save.
 *
 * From this file the generator writes the guest-side C stubs, the hypervisor's
 * dispatch table and docs/api.md. Tags: `@fid n` (stable function id), `@fast`
 * (served on the short trap path: never blocks, never switches partitions),
 * `@noreturn`.
 */
import type { InBytes, Result, i32, u32, usize } from "./types.ts";

/** SBI extension id of the Phase3 calls: in the experimental range 0x08000000-0x08FFFFFF ("P3"). */
export const EXTENSION_ID = 0x0850_3300;

/** Bumped when a call changes incompatibly. */
export const ABI_VERSION = 1;

/** Result codes: 0 for success, a negative value for each way a call can fail. */
export enum P3Error {
  /** Success. */
  OK = 0,
  /** The function id names no Phase3 call. */
  NOT_SUPPORTED = -2,
  /** An argument is out of range. */
  INVALID = -3,
  /** The spec does not grant this partition what it asked for. */
  DENIED = -4,
  /** A pointer and length do not lie inside the caller's own memory. */
  BAD_ADDRESS = -5,
}

export interface Hypercalls {
  /**
   * Returns the ABI version and does nothing else: the null call that the
   * benchmarks time.
   * @fid 0
   * @fast
   */
  version(): Result<u32>;

  /**
   * Writes `len` bytes from `buf` to the console, attributed to this
   * partition: the hypervisor prints each complete line prefixed with the
   * partition's name. Returns the number of bytes taken.
   * @fid 1
   * @fast
   */
  write(buf: InBytes, len: usize): Result<usize>;

  /**
   * Gives up the rest of this partition's time slice.
   * @fid 2
   */
  yield(): Result<void>;

  /**
   * Stops this partition for good with an exit code (0 for success). When
   * every partition has stopped, the system ends with status 0 if all
   * returned 0.
   * @fid 3
   * @noreturn
   */
  exit(code: i32): void;
}
