/**
 * G-stage page tables, encoded at generation time from the memory plan.
 *
 * Sv39x4 (priv. spec 8.5.1): a 16 KiB root indexed by guest-physical bits
 * 40:30, then 4 KiB tables indexed by bits 29:21 and 20:12. A leaf must have
 * U set (G-stage accesses count as user accesses); A and D are set here so the
 * hardware never needs to write them.
 */
import { GiB, LEVEL_SIZE, type MemoryPlan, type PartitionPlacement, type Permissions } from "../../../spec/layout/index.ts";
import { hex } from "./format.ts";

const PTE_V = 1n << 0n;
const PTE_R = 1n << 1n;
const PTE_W = 1n << 2n;
const PTE_X = 1n << 3n;
const PTE_U = 1n << 4n;
const PTE_A = 1n << 6n;
const PTE_D = 1n << 7n;

const PERM_BITS: Record<Permissions, bigint> = { r: PTE_R, rw: PTE_R | PTE_W, rx: PTE_R | PTE_X, rwx: PTE_R | PTE_W | PTE_X };

export const HGATP_MODE_SV39X4 = 8n;

export interface TableWord {
  /** Index of the 64-bit word in the whole tables area. */
  index: number;
  value: bigint;
  comment: string;
}

function pointer(tableBase: number): bigint {
  return (BigInt(tableBase) >> 12n << 10n) | PTE_V;
}

function leafPte(host: number, perms: Permissions): bigint {
  return (BigInt(host) >> 12n << 10n) | PTE_V | PERM_BITS[perms] | PTE_U | PTE_A | PTE_D;
}

function partitionWords(p: PartitionPlacement, tablesBase: number): TableWord[] {
  const words = new Map<number, TableWord>();
  const root = p.tables[0];
  const table = (level: 0 | 1, guest: number) => {
    const covers = Math.floor(guest / (level === 1 ? GiB : LEVEL_SIZE[1])) * (level === 1 ? GiB : LEVEL_SIZE[1]);
    const t = p.tables.find((x) => x.level === level && x.covers === covers);
    if (!t) throw new Error(`internal: no level-${level} table for ${hex(guest)} in ${p.name}`);
    return t;
  };
  const put = (tableBase: number, index: number, value: bigint, comment: string) => {
    const word = (tableBase - tablesBase) / 8 + index;
    words.set(word, { index: word, value, comment });
  };
  for (const leaf of p.leaves) {
    const vpn2 = Math.floor(leaf.guest / GiB) % 2048;
    const vpn1 = Math.floor(leaf.guest / LEVEL_SIZE[1]) % 512;
    const vpn0 = Math.floor(leaf.guest / LEVEL_SIZE[0]) % 512;
    const what = `${p.name}: ${hex(leaf.guest)} -> ${hex(leaf.host)} ${leaf.perms} ${["4K", "2M", "1G"][leaf.level]}`;
    if (leaf.level === 2) {
      put(root.base, vpn2, leafPte(leaf.host, leaf.perms), what);
      continue;
    }
    const l1 = table(1, leaf.guest);
    put(root.base, vpn2, pointer(l1.base), `${p.name}: ${hex(l1.covers)} + 1G -> table ${hex(l1.base)}`);
    if (leaf.level === 1) {
      put(l1.base, vpn1, leafPte(leaf.host, leaf.perms), what);
      continue;
    }
    const l0 = table(0, leaf.guest);
    put(l1.base, vpn1, pointer(l0.base), `${p.name}: ${hex(l0.covers)} + 2M -> table ${hex(l0.base)}`);
    put(l0.base, vpn0, leafPte(leaf.host, leaf.perms), what);
  }
  return [...words.values()];
}

/** Every non-zero word of the tables area, in address order. */
export function encodeGstage(plan: MemoryPlan): TableWord[] {
  return plan.partitions.flatMap((p) => partitionWords(p, plan.tables.base)).sort((a, b) => a.index - b.index);
}

/** The hgatp value that selects a partition's tables. */
export function hgatpFor(p: PartitionPlacement, vmid: number): bigint {
  return (HGATP_MODE_SV39X4 << 60n) | (BigInt(vmid) << 44n) | (BigInt(p.tables[0].base) >> 12n);
}
