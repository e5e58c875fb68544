/**
 * The G-stage walk of a partition's guest-physical address space, as a hart
 * does it (RISC-V privileged spec 1.12, 9.5.1 "Guest Physical Address
 * Translation", and 4.3.2/4.4 for the PTE rules it shares with Sv39):
 *
 *   - hgatp.MODE 8 is Sv39x4: a 41-bit guest-physical address, a 16 KiB root
 *     of 2048 entries indexed by bits 40:30 (the two low bits of hgatp.PPN
 *     read as zero), then 4 KiB tables indexed by bits 29:21 and 20:12;
 *   - a PTE with V clear, or W set without R, ends the walk in a fault;
 *   - R, W and X all clear points to the next level (there is none below
 *     level 0); D, A and U of a pointer are reserved and must be clear;
 *   - a leaf must have U set (every G-stage access counts as a user access),
 *     a superpage leaf's PPN must be aligned to its size, and bits 63:54
 *     (N, PBMT and reserved ones) must be clear on a hart without Svnapot and
 *     Svpbmt; A (and D on a writable leaf) clear would make the hart fault or
 *     write the tables, which are read-only data.
 *
 * This file knows nothing of Phase3's memory plan: it reads words at
 * host-physical addresses and reports what they map.
 */
import { hex } from "../../spec/units.ts";

export type Perms = "r" | "rw" | "rx" | "rwx" | "x" | "wx" | "w" | "";

/** One leaf the walk reaches: `size` bytes of guest-physical space to host memory. */
export interface GstageLeaf {
  guest: number;
  host: number;
  size: number;
  perms: Perms;
  level: 0 | 1 | 2;
  /** Host address of the PTE. */
  at: number;
}

export interface GstageWalk {
  hgatp: bigint;
  vmid: number;
  /** Host address of the root table. */
  root: number;
  leaves: GstageLeaf[];
  /** Every table page the walk read, root first: [address, size]. */
  tables: [number, number][];
  /** Words a hart would refuse or fault on, in words. */
  problems: string[];
}

/** Reads the 64-bit little-endian word at a host-physical address; undefined where the image has no bytes. */
export type ReadWord = (address: number) => bigint | undefined;

const V = 1n, R = 2n, W = 4n, X = 8n, U = 16n, G = 32n, A = 64n, D = 128n;
const PPN_MASK = (1n << 44n) - 1n;
export const SV39X4_MODE = 8n;
export const LEVEL_SPAN = [0x1000, 0x20_0000, 0x4000_0000] as const;
/** A limit no real table reaches; a bogus one could describe billions of leaves. */
const MAX_LEAVES = 1 << 20;


export function permsOf(pte: bigint): Perms {
  return `${pte & R ? "r" : ""}${pte & W ? "w" : ""}${pte & X ? "x" : ""}` as Perms;
}

export function walkSv39x4(read: ReadWord, hgatp: bigint): GstageWalk {
  const problems: string[] = [];
  const leaves: GstageLeaf[] = [];
  const tables: [number, number][] = [];
  const vmid = Number((hgatp >> 44n) & 0x3fffn);
  const ppn = hgatp & PPN_MASK;
  const root = Number((ppn & ~3n) << 12n);
  const walk: GstageWalk = { hgatp, vmid, root, leaves, tables, problems };
  if (hgatp >> 60n !== SV39X4_MODE) {
    problems.push(`hgatp ${hex(hgatp)} has mode ${hgatp >> 60n}, not Sv39x4 (8)`);
    return walk;
  }
  if (ppn & 3n) problems.push(`hgatp ${hex(hgatp)}: the root is not 16 KiB aligned (the hart ignores PPN bits 1:0 and walks ${hex(root)})`);

  const visit = (table: number, level: 0 | 1 | 2, guestBase: number) => {
    const entries = level === 2 ? 2048 : 512;
    tables.push([table, entries * 8]);
    for (let i = 0; i < entries; i++) {
      const at = table + i * 8;
      const pte = read(at);
      const guest = guestBase + i * LEVEL_SPAN[level];
      const where = `PTE at ${hex(at)} (guest ${hex(guest)}, level ${level})`;
      if (pte === undefined) {
        problems.push(`${where}: the table is outside the image`);
        return;
      }
      if (!(pte & V)) continue;
      if (pte & W && !(pte & R)) {
        problems.push(`${where}: W without R is reserved (${hex(pte)})`);
        continue;
      }
      if (pte >> 54n) {
        problems.push(`${where}: bits 63:54 are set (${hex(pte)}): N, PBMT or reserved`);
        continue;
      }
      const next = Number((pte >> 10n & PPN_MASK) << 12n);
      if (!(pte & (R | W | X))) {
        if (level === 0) {
          problems.push(`${where}: a pointer at the last level (${hex(pte)})`);
          continue;
        }
        if (pte & (U | A | D)) problems.push(`${where}: a pointer with U, A or D set, which are reserved (${hex(pte)})`);
        visit(next, (level - 1) as 0 | 1, guest);
        continue;
      }
      if (!(pte & U)) {
        problems.push(`${where}: a leaf without U: every access faults (${hex(pte)})`);
        continue;
      }
      if (next % LEVEL_SPAN[level]) {
        problems.push(`${where}: a misaligned superpage to ${hex(next)} (${hex(pte)})`);
        continue;
      }
      if (!(pte & A)) problems.push(`${where}: A is clear: the hart faults or writes the tables (${hex(pte)})`);
      if (pte & W && !(pte & D)) problems.push(`${where}: D is clear on a writable leaf: the hart faults or writes the tables (${hex(pte)})`);
      if (pte & G) problems.push(`${where}: G is set, which G-stage PTEs leave clear (${hex(pte)})`);
      if (leaves.length >= MAX_LEAVES) {
        problems.push(`more than ${MAX_LEAVES} leaves: these are not tables a generator wrote`);
        throw walk;
      }
      leaves.push({ guest, host: next, size: LEVEL_SPAN[level], perms: permsOf(pte), level, at });
    }
  };
  try {
    visit(root, 2, 0);
  } catch (stop) {
    if (stop !== walk) throw stop;
  }
  return walk;
}

/** Guest → host ranges: leaves merged where guest and host both continue with the same access. */
export interface Reach {
  guest: number;
  host: number;
  size: number;
  perms: Perms;
}

export function mergeLeaves(leaves: readonly { guest: number; host: number; size: number; perms: Perms }[]): Reach[] {
  const sorted = [...leaves].sort((a, b) => a.guest - b.guest);
  const out: Reach[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && last.guest + last.size === l.guest && last.host + last.size === l.host && last.perms === l.perms) last.size += l.size;
    else out.push({ guest: l.guest, host: l.host, size: l.size, perms: l.perms });
  }
  return out;
}
