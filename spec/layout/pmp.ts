/**
 * The PMP entries that confine a partition in microkernel mode, decided at
 * generation time from its ranges (RISC-V privileged spec, 3.7 "Physical
 * Memory Protection").
 *
 * While a partition runs, its entries are the only ones enabled: U-mode may
 * touch what they match and nothing else (an access no entry matches fails
 * when the hart has any PMP entries). The kernel runs in M-mode, which
 * entries without the L bit do not restrict.
 *
 * Each range takes the cheapest encoding its address and size allow:
 *
 *   NAPOT  a power of two of at least 8 bytes, aligned to its size: one
 *          entry, pmpaddr = base/4 + (size/8 - 1) (the trailing ones give
 *          the size)
 *   NA4    exactly 4 bytes: one entry, pmpaddr = base/4
 *   TOR    anything else: pmpaddr = end/4, and the range starts where the
 *          previous entry's pmpaddr points. That is free when the previous
 *          entry is a TOR ending at this range's base; otherwise an OFF entry
 *          holding the base goes first (two entries).
 */
import type { Permissions } from "./plan.ts";

export type PmpMatch = "OFF" | "TOR" | "NA4" | "NAPOT";

export interface PmpEntry {
  match: PmpMatch;
  /** Access granted; "" for an OFF entry that only holds a TOR range's base. */
  perms: Permissions | "";
  /** The pmpaddr value: an address divided by 4, with NAPOT's size bits. */
  address: number;
  /** What the entry protects, for reports and the generated table. */
  what: string;
}

/** A range a partition may access, as the planner lists them. */
export interface PmpRange {
  base: number;
  size: number;
  perms: Permissions;
  what: string;
}

const MATCH_BITS: Record<PmpMatch, number> = { OFF: 0, TOR: 1 << 3, NA4: 2 << 3, NAPOT: 3 << 3 };
const PERM_BITS: Record<string, number> = { r: 1, w: 2, x: 4 };

/** An entry's pmpcfg byte: R W X in bits 0-2, the match mode in bits 3-4, never L. */
export function pmpConfigByte(entry: PmpEntry): number {
  return [...entry.perms].reduce((bits, p) => bits | PERM_BITS[p], MATCH_BITS[entry.match]);
}

const isNapot = (base: number, size: number) => size >= 8 && Number.isInteger(Math.log2(size)) && base % size === 0;

/** The entries for a partition's ranges, lowest address first. */
export function pmpEntries(ranges: readonly PmpRange[]): PmpEntry[] {
  const entries: PmpEntry[] = [];
  // Where the previous entry's pmpaddr points when a TOR may start there (entry 0's TOR starts at 0).
  let torEnd: number | undefined = 0;
  for (const r of [...ranges].sort((a, b) => a.base - b.base)) {
    if (r.size === 4) {
      entries.push({ match: "NA4", perms: r.perms, address: r.base / 4, what: r.what });
      torEnd = undefined;
    } else if (isNapot(r.base, r.size)) {
      entries.push({ match: "NAPOT", perms: r.perms, address: r.base / 4 + (r.size / 8 - 1), what: r.what });
      torEnd = undefined;
    } else {
      if (torEnd !== r.base) entries.push({ match: "OFF", perms: "", address: r.base / 4, what: `${r.what} (its base)` });
      entries.push({ match: "TOR", perms: r.perms, address: (r.base + r.size) / 4, what: r.what });
      torEnd = r.base + r.size;
    }
  }
  return entries;
}
