/**
 * The Phase3 hypercall ABI, declared once.
 *
 * A partition calls the hypervisor (or, in microkernel mode, the kernel) with
 * `ecall`: a7 holds {@link EXTENSION_ID}, a6 the call's function id (`@fid`),
 * a0 to a4 the arguments. Like an SBI call, it returns an error code in a0 (0,
 * or a negative {@link P3Error}) and a value in a1. Unlike an SBI call, a
 * Phase3 call follows the C calling convention: it may change every
 * caller-saved register (ra, t0-t6, a0-a7) and keeps every callee-saved one.
 * That is what lets `@fast` calls skip the full register save.
 *
 * From this file the generator writes the guest-side C stubs, the hypervisor's
 * dispatch table and docs/api.md. Tags: `@fid n` (stable function id), `@fast`
 * (served on the short trap path: never switches partitions; a fast call
 * that must block falls back to the full save),
 * `@noreturn`.
 */
import type { Address, InBytes, OutBytes, OutSize, Result, i32, u32, u64, usize } from "./types.ts";

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
  /** An argument is out of range: an id this partition does not have, a length too large. */
  INVALID = -3,
  /** The spec does not grant this: sending on a channel this partition receives on, or the reverse. */
  DENIED = -4,
  /** A pointer and length do not lie inside memory the caller may use that way. */
  BAD_ADDRESS = -5,
  /** Nothing to receive now; try again (or p3_wait for it). */
  AGAIN = -10,
  /** The channel is full: the message was not sent. */
  FULL = -11,
  /** A zero-copy slot is already reserved or peeked and not yet committed or released. */
  BUSY = -12,
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
   * Gives up the rest of this partition's time on its hart.
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

  /**
   * Sends the `len` bytes at `msg` on channel `ch`, which this partition
   * must be the sender of. Never blocks: returns P3_ERR_FULL when the queue
   * is full. Wakes the receiver if it waits on the channel.
   * @fid 4
   * @fast
   */
  send(ch: u32, msg: InBytes, len: usize): Result<void>;

  /**
   * Receives the oldest message of channel `ch`, which this partition must be
   * the receiver of, into `buf`, copying at most `cap` bytes. Returns the
   * message's full length (larger than `cap` if it was cut short), or
   * P3_ERR_AGAIN when the queue is empty.
   * @fid 5
   * @fast
   */
  recv(ch: u32, buf: OutBytes, cap: usize): Result<usize>;

  /**
   * Sleeps until one of the sources in `mask` (built with P3_MASK(id) from
   * channel and interrupt ids) is ready, or until the time `deadline` (in
   * nanoseconds, as p3_now() counts; P3_FOREVER for none) has passed. Returns
   * the ready sources, or 0 when the deadline passed first. A receiving
   * channel is ready while it holds a message or after the sender notified
   * it; a sending channel after the receiver notified it; an interrupt while
   * it is pending. The hart runs other partitions meanwhile.
   * @fid 6
   * @fast
   */
  wait(mask: u32, deadline: u64): Result<u32>;

  /**
   * Signals the other end of channel `ch`: its source becomes ready in
   * p3_wait even with no message.
   * @fid 7
   * @fast
   */
  notify(ch: u32): Result<void>;

  /**
   * Returns monotonic time in nanoseconds since the system started. The
   * same clock on every hart and in every partition.
   * @fid 8
   * @fast
   */
  now(): u64;

  /**
   * Acknowledges interrupt `irq` (a P3_IRQ_* id): it is no longer pending and
   * may fire again.
   * @fid 9
   * @fast
   */
  irq_ack(irq: u32): Result<void>;

  /**
   * Tells the hypervisor this partition is alive. A partition with a
   * `watchdog` in the spec must call this at least that often, or it faults.
   * @fid 10
   * @fast
   */
  watchdog_pat(): Result<void>;

  /**
   * Reads up to `cap` bytes typed on the console into `buf`, if this
   * partition owns console input. Returns the number read, or P3_ERR_AGAIN
   * when none is waiting. P3_CONSOLE is its source for p3_wait.
   * @fid 11
   * @fast
   */
  read(buf: OutBytes, cap: usize): Result<usize>;

  /**
   * Zero-copy send, step 1: reserves the next free slot of channel `ch` and
   * stores its address in `*out`; write at most the channel's message size
   * there, then call p3_send_commit. P3_ERR_FULL when no slot is free.
   * @fid 12
   * @fast
   */
  send_reserve(ch: u32): Result<Address>;

  /**
   * Zero-copy send, step 2: publishes the reserved slot of channel `ch` as a
   * message of `len` bytes and wakes the receiver.
   * @fid 13
   * @fast
   */
  send_commit(ch: u32, len: usize): Result<void>;

  /**
   * Zero-copy receive, step 1: stores the address of the oldest message of
   * channel `ch` in `*out` and its length in `*length`, or returns
   * P3_ERR_AGAIN. The message stays in the queue, readable in place, until
   * p3_recv_release. The sender can still write a slot it committed: copy
   * what you must not see change.
   * @fid 14
   * @fast
   */
  recv_peek(ch: u32, length: OutSize): Result<Address>;

  /**
   * Zero-copy receive, step 2: frees the slot p3_recv_peek returned.
   * @fid 15
   * @fast
   */
  recv_release(ch: u32): Result<void>;
}
