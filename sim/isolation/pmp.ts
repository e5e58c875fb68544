/**
 * The isolation proof for microkernel mode: partitions run in U-mode at
 * their physical addresses, confined by the PMP entries the kernel loads for
 * them (facts.ts reads them from the ELF). The decode follows the RISC-V
 * privileged spec, 3.7 "Physical Memory Protection":
 *
 *   - pmpcfg: R, W, X in bits 0-2, A (OFF, TOR, NA4, NAPOT) in bits 3-4,
 *     bits 5-6 reserved, L in bit 7; W without R is reserved;
 *   - TOR matches pmpaddr[i-1]*4 <= a < pmpaddr[i]*4 (0 for entry 0), NA4
 *     the 4 bytes at pmpaddr*4, NAPOT 2^(t+3) bytes where t is the number of
 *     trailing ones of pmpaddr; with a granularity of 2^(G+2) bytes, TOR
 *     ignores pmpaddr's G low bits, NAPOT reads its G-1 low bits as ones and
 *     NA4 is not selectable;
 *   - the lowest-numbered entry that matches decides; U-mode gets nothing
 *     where no entry matches.
 *
 * What each partition must reach, from the spec and the board profile alone:
 *
 *   - its RAM, exactly the spec's `memory` bytes, rw (rwx where code runs
 *     from RAM, i.e. the board has no `memory.code`), inside the board's RAM,
 *     where the kernel's record says (ram_host: where a restart clears it);
 *     where code runs from RAM, its image section lies in it;
 *   - on a board with `memory.code`, a code window: the range its entries
 *     make read-execute around its image section, inside the code memory,
 *     at most MAX_CODE_WINDOW;
 *   - each granted device, [base, base + size rounded up to the PMP
 *     granularity), read-write;
 *   - each shared region and channel buffer it uses, with exactly the access
 *     the spec gives (a channel's sender rw, its receiver r), at one range
 *     for all its users, at least its size (rounded up to the granularity)
 *     and at most the power of two that one NAPOT entry needs;
 *   - nothing else: not the kernel (its RAM reserve, its code reserve, every
 *     section that is not a partition image), nor another partition's RAM,
 *     code window or image, nor a device it was not granted, nor memory no
 *     shared object explains; nothing writable and executable at once
 *     except its own RAM where code runs from RAM.
 */
import { KERNEL_CODE_RESERVE, KERNEL_DATA_RESERVE, MAX_CODE_WINDOW, MICROKERNEL_RESERVE } from "../../spec/layout/microkernel.ts";
import type { System } from "../../spec/system.ts";
import { hex, parseSize } from "../../spec/units.ts";
import type { PartitionPmp, PmpFacts } from "./facts.ts";
import type { IsolationReport } from "./prove.ts";
import type { Perms } from "./sv39x4.ts";

export type PmpMatch = "OFF" | "TOR" | "NA4" | "NAPOT";

export interface DecodedEntry {
  index: number;
  match: PmpMatch;
  perms: Perms;
  /** The byte range it matches, [start, end); empty when OFF. */
  start: number;
  end: number;
}

export interface PmpRange {
  start: number;
  end: number;
  perms: Perms;
}

export interface PmpPartitionReach {
  name: string;
  used: number;
  entries: DecodedEntry[];
  /** Everything U-mode can reach while it runs, merged, lowest address first. */
  reach: PmpRange[];
}

interface Area {
  start: number;
  end: number;
  what: string;
}

const MATCHES: PmpMatch[] = ["OFF", "TOR", "NA4", "NAPOT"];
const span = (a: { start: number; end: number }) => `${hex(a.start)}-${hex(a.end)}`;
const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const within = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start >= b.start && a.end <= b.end;
const wx = (p: string) => p.includes("w") && p.includes("x");
/** Access as a message shows it: W+X called out where it is not allowed. */
const shown = (p: Perms, allowWx = false) => (p === "" ? "none" : wx(p) && !allowWx ? `${p} (writable and executable at once)` : p);
const permsOf = (cfg: number): Perms => `${cfg & 1 ? "r" : ""}${cfg & 2 ? "w" : ""}${cfg & 4 ? "x" : ""}` as Perms;

function bytes(value: unknown): number {
  const parsed = parseSize(value);
  if (!parsed.ok) throw new Error(`a spec size the validator should have refused: ${String(value)}`);
  return parsed.value;
}

/** Decodes a partition's entries as its hart will see them while it runs, with what is wrong with them. */
export function decodePmp(config: PartitionPmp, xlen: 32 | 64, granularity = 4): { entries: DecodedEntry[]; problems: string[] } {
  const problems: string[] = [];
  const bits = BigInt(xlen === 32 ? 32 : 54); // pmpaddr holds address bits 33:2 (RV32) or 55:2 (RV64)
  const g = BigInt(Math.max(0, Math.log2(granularity) - 2));
  const entries: DecodedEntry[] = [];
  if (config.used > config.cfg.length) problems.push(`it uses ${config.used} PMP entries, more than the board's ${config.cfg.length}`);
  const addr = config.addr.map((a, i) => {
    if (a >> bits) problems.push(`pmpaddr${i} is ${hex(a)}, with bits above physical address bit ${bits + 1n}, which the hart does not hold`);
    return a & ((1n << bits) - 1n);
  });
  config.cfg.forEach((cfg, index) => {
    const match = MATCHES[(cfg >> 3) & 3];
    const perms = permsOf(cfg);
    const entry: DecodedEntry = { index, match, perms, start: 0, end: 0 };
    entries.push(entry);
    if (match === "OFF" && !(cfg & 0x80)) return;
    const name = `PMP entry ${index} (${match}${perms ? ` ${perms}` : ""})`;
    if (cfg & 0x60) problems.push(`${name} has reserved cfg bits 5-6 set (${hex(cfg)})`);
    if (cfg & 0x80) problems.push(`${name} is locked (L): it binds the kernel in M-mode too and no later partition could change it`);
    if ((cfg & 3) === 2) problems.push(`${name} grants W without R, a reserved combination (cfg ${hex(cfg)})`);
    if (match === "OFF") return;
    if (index >= config.used) {
      problems.push(`${name} is enabled beyond the ${config.used} entries the kernel loads: it would match whatever the previous partition left in pmpaddr${index}`);
      return;
    }
    let lo: bigint;
    let hi: bigint;
    if (match === "TOR") {
      const mask = ~((1n << g) - 1n);
      lo = index === 0 ? 0n : (addr[index - 1] & mask) << 2n;
      hi = (addr[index] & mask) << 2n;
    } else if (match === "NA4") {
      if (g > 0n) problems.push(`${name} is NA4, which a hart with ${granularity}-byte PMP granularity does not have`);
      lo = addr[index] << 2n;
      hi = lo + 4n;
    } else {
      const a = g >= 2n ? addr[index] | ((1n << (g - 1n)) - 1n) : addr[index];
      let t = 0n;
      while (t < bits && (a >> t) & 1n) t++;
      // all ones: the whole space pmpaddr can name
      lo = t === bits ? 0n : (a >> (t + 1n)) << (t + 3n);
      hi = lo + (1n << (t === bits ? bits + 2n : t + 3n));
    }
    if (hi > lo) Object.assign(entry, { start: Number(lo), end: Number(hi) });
  });
  return { entries, problems };
}

/** What U-mode reaches through decoded entries: the lowest-numbered match decides, no match is no access. */
export function pmpReach(entries: readonly DecodedEntry[]): PmpRange[] {
  const active = entries.filter((e) => e.end > e.start);
  const edges = [...new Set(active.flatMap((e) => [e.start, e.end]))].sort((a, b) => a - b);
  const out: PmpRange[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const piece = { start: edges[i], end: edges[i + 1] };
    const perms = active.find((e) => within(piece, e))?.perms ?? "";
    if (perms === "") continue;
    const last = out[out.length - 1];
    if (last && last.end === piece.start && last.perms === perms) last.end = piece.end;
    else out.push({ ...piece, perms });
  }
  return out;
}

/** The parts of `r` outside every area. */
function subtract<T extends { start: number; end: number }>(r: T, areas: readonly { start: number; end: number }[]): T[] {
  let parts = [r];
  for (const a of areas) {
    parts = parts.flatMap((p) => (overlaps(p, a) ? [{ ...p, end: a.start }, { ...p, start: a.end }].filter((x) => x.end > x.start) : [p]));
  }
  return parts;
}

/** `reach` within `area`, with the gaps, for a message: "0x0-0x10 rw, 0x10-0x20 none". */
function describeIn(reach: readonly PmpRange[], area: { start: number; end: number }, allowWx: boolean): string {
  const parts: string[] = [];
  let at = area.start;
  for (const r of reach.filter((x) => overlaps(x, area))) {
    const s = Math.max(r.start, area.start);
    if (s > at) parts.push(`${span({ start: at, end: s })} none`);
    at = Math.min(r.end, area.end);
    parts.push(`${span({ start: s, end: at })} ${shown(r.perms, allowWx)}`);
  }
  if (at < area.end) parts.push(`${span({ start: at, end: area.end })} none`);
  return parts.join(", ");
}

interface Expected {
  what: string;
  users: Map<string, Perms>;
  min: number;
  max: number;
  bytes: number;
}

interface Found {
  start: number;
  end: number;
  users: Map<string, Perms>;
}

const keyOf = (users: Map<string, Perms>) => [...users].map(([p, a]) => `${p}:${a}`).sort().join(" ");
const listed = (users: Map<string, Perms>) => [...users].map(([p, a]) => `${p} (${shown(a)})`).join(" and ");

/** Shared regions and channel buffers, from the spec. */
function expectedShared(system: System, granularity: number): Expected[] {
  const napot = (n: number) => Math.max(2 ** Math.ceil(Math.log2(Math.max(n, 1))), 8, granularity);
  const out: Expected[] = [];
  for (const [name, region] of Object.entries(system.shared ?? {})) {
    const users = new Map(Object.entries(region.access as Record<string, Perms | undefined>).flatMap(([p, a]) => (a ? [[p, a] as const] : [])));
    const n = bytes(region.size);
    out.push({ what: `shared region ${name}`, users, bytes: n, min: alignUp(n, granularity), max: napot(n) });
  }
  for (const [name, channel] of Object.entries(system.channels ?? {})) {
    const n = bytes(channel.msgSize) * channel.depth;
    out.push({ what: `channel ${name}`, users: new Map<string, Perms>([[channel.from, "rw"], [channel.to, "r"]]), bytes: n, min: alignUp(n, granularity), max: napot(n) });
  }
  return out;
}

/** Compares what shared memory the partitions reach with what the spec shares. */
function proveShared(system: System, granularity: number, pieces: { partition: string; start: number; end: number; perms: Perms }[]): string[] {
  const problems: string[] = [];
  // Cut at every edge; runs of the same users with the same access are one object.
  const edges = [...new Set(pieces.flatMap((p) => [p.start, p.end]))].sort((a, b) => a - b);
  const found: Found[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const piece = { start: edges[i], end: edges[i + 1] };
    const users = new Map(pieces.filter((p) => within(piece, p)).map((p) => [p.partition, p.perms] as const));
    if (users.size === 0) continue;
    const last = found[found.length - 1];
    if (last && last.end === piece.start && keyOf(last.users) === keyOf(users)) last.end = piece.end;
    else found.push({ ...piece, users });
  }
  const expected = expectedShared(system, granularity);
  const size = (f: Found[]) => f.reduce((n, x) => n + x.end - x.start, 0);
  const sizeProblem = (e: Expected[], f: Found[]) => {
    const min = e.reduce((n, x) => n + x.min, 0);
    const max = e.reduce((n, x) => n + x.max, 0);
    if (size(f) >= min && size(f) <= max && f.length <= e.length) return;
    const spec = e.reduce((n, x) => n + x.bytes, 0);
    problems.push(`${e.map((x) => x.what).join(" and ")}, shared by ${listed(e[0].users)}: the spec grants ${spec} bytes (${max === min ? max : `${min} to ${max}`} with PMP rounding); their PMP entries give ${size(f)} bytes at ${f.map(span).join(", ")}`);
  };

  // 1. The same users with the same access.
  let restExpected: Expected[] = [];
  for (const key of new Set(expected.map((e) => keyOf(e.users)))) {
    const e = expected.filter((x) => keyOf(x.users) === key);
    const f = found.filter((x) => keyOf(x.users) === key);
    if (f.length === 0) restExpected.push(...e);
    else sizeProblem(e, f);
  }
  let restFound = found.filter((f) => !expected.some((e) => keyOf(e.users) === keyOf(f.users)));

  // 2. Pair what is left by who uses it, to say what differs: the same users first, then any in common.
  const sameUsers = (e: Expected, f: Found) => [...e.users.keys()].sort().join() === [...f.users.keys()].sort().join();
  const common = (e: Expected, f: Found) => [...e.users.keys()].some((p) => f.users.has(p));
  for (const similar of [sameUsers, common]) {
    for (const e of [...restExpected]) {
      const f = restFound.find((x) => similar(e, x));
      if (!f) continue;
      restExpected = restExpected.filter((x) => x !== e);
      restFound = restFound.filter((x) => x !== f);
      const where = `${e.what} at ${span(f)}`;
      for (const [p, want] of e.users) {
        const got = f.users.get(p);
        if (got === undefined) problems.push(`${where}: ${p} cannot reach it; the spec grants ${want}`);
        else if (got !== want) problems.push(`${where}: ${p} reaches it ${shown(got)}; the spec grants ${want}`);
      }
      for (const [p, got] of f.users) if (!e.users.has(p)) problems.push(`${where}: ${p} reaches it ${shown(got)}, which the spec does not grant`);
      if (f.end - f.start < e.min || f.end - f.start > e.max) problems.push(`${where}: the spec grants ${e.bytes} bytes (${e.min === e.max ? e.max : `${e.min} to ${e.max}`} with PMP rounding); the PMP entries give ${f.end - f.start}`);
    }
  }

  // 3. The rest: granted and not reached, or reached and not granted.
  for (const e of restExpected) problems.push(`${e.what} is granted to ${listed(e.users)}, but no memory is shared so`);
  for (const f of restFound) {
    const [[p, a]] = f.users;
    const who = f.users.size === 1 ? `${p} reaches ${span(f)} ${shown(a)}` : `${listed(f.users)} reach ${span(f)}`;
    problems.push(`${who}, which no shared region or channel of the spec grants`);
  }
  return problems;
}

/** Proves a microkernel build's PMP entries against its spec. */
export function provePmp(system: System, facts: PmpFacts): IsolationReport {
  const problems = [...facts.problems];
  const board = system.board;
  const ram = { start: board.memory.ram.base, end: board.memory.ram.base + board.memory.ram.size };
  const codeMemory = board.memory.code ? { start: board.memory.code.base, end: board.memory.code.base + board.memory.code.size } : undefined;
  const granularity = board.pmp?.granularity ?? 4;
  const names = Object.keys(system.partitions);
  const image = (name: string) => {
    const s = facts.sections.find((x) => x.name === `.p3.image.${name}`);
    return s && { start: s.address, end: s.address + s.size, what: `${name}'s image` };
  };

  // The kernel: its reserves, and every section that is not a partition's image (outside them).
  const reserves: Area[] = [{ start: ram.start, end: ram.start + (codeMemory ? KERNEL_DATA_RESERVE : MICROKERNEL_RESERVE), what: "the kernel's RAM reserve" }];
  if (codeMemory) reserves.push({ start: codeMemory.start, end: codeMemory.start + KERNEL_CODE_RESERVE, what: "the kernel's code reserve" });
  const kernel: Area[] = [
    ...reserves,
    ...facts.sections
      .filter((s) => !s.name.startsWith(".p3.image."))
      .map((s) => ({ start: s.address, end: s.address + s.size, what: `the kernel's ${s.name}` }))
      .filter((s) => !reserves.some((r) => within(s, r))),
  ];
  const devices = Object.entries(board.devices).flatMap(([d, dev]) => (dev ? [{ name: d, start: dev.base, end: dev.base + dev.size, what: `device ${d}` }] : []));

  // 1. Decode each partition's entries; find its RAM (where its record says) and its code window.
  const reports: PmpPartitionReach[] = [];
  const own = new Map<string, { ram: Area; window?: Area; image?: Area; reach: PmpRange[] }>();
  for (const name of names) {
    const config = facts.pmp.get(name);
    if (!config) continue;
    const decoded = decodePmp(config, facts.xlen, granularity);
    problems.push(...decoded.problems.map((p) => `${name}: ${p}`));
    const reach = pmpReach(decoded.entries);
    reports.push({ name, used: config.used, entries: decoded.entries.filter((e) => e.match !== "OFF"), reach });
    const size = bytes(system.partitions[name].memory);
    if (config.ramSize !== size) problems.push(`${name}: the kernel's record gives its RAM as ${config.ramSize} bytes at ${hex(config.ramHost)}; the spec gives ${size}`);
    const img = image(name);
    const w = codeMemory && img ? reach.find((r) => img.start >= r.start && img.start < r.end) : undefined;
    own.set(name, { ram: { start: config.ramHost, end: config.ramHost + size, what: `${name}'s RAM` }, window: w && { start: w.start, end: w.end, what: `${name}'s code window` }, image: img, reach });
  }

  // 2. Each partition against the spec.
  const shared: { partition: string; start: number; end: number; perms: Perms }[] = [];
  const entries = [...own];
  for (const [name, { ram: mine, window, image: img, reach }] of entries) {
    const spec = system.partitions[name];
    const ramPerms: Perms = codeMemory ? "rw" : "rwx";
    const inRam = reach.filter((r) => overlaps(r, mine));
    if (inRam.length !== 1 || !within(mine, inRam[0]) || inRam[0].perms !== ramPerms) {
      problems.push(`${name}: its RAM ${span(mine)} (${mine.end - mine.start} bytes, as the spec gives) should be ${ramPerms}; its PMP entries give ${describeIn(reach, mine, !codeMemory)}`);
    }
    if (!within(mine, ram)) problems.push(`${name}: its RAM ${span(mine)} is not inside the board's RAM ${span(ram)}`);
    if (!img) problems.push(`${name}: the ELF has no .p3.image.${name} section${codeMemory ? ", so its code window cannot be found" : ""}`);
    else if (!codeMemory && !within(img, mine)) problems.push(`${name}: its image at ${span(img)} is not inside its RAM ${span(mine)}`);
    if (codeMemory && img) {
      if (!window) problems.push(`${name}: its image at ${span(img)} is in no range its PMP entries let it reach, so it has no code window`);
      else {
        const perms = reach.find((r) => r.start === window.start)!.perms;
        if (perms !== "rx") problems.push(`${name}: its code window ${span(window)} (around its image) is ${shown(perms)}; it should be rx`);
        if (!within(img, window)) problems.push(`${name}: its image ${span(img)} does not fit in its code window ${span(window)}`);
        if (!within(window, codeMemory)) problems.push(`${name}: its code window ${span(window)} is not inside the board's code memory ${span(codeMemory)}`);
        if (window.end - window.start > MAX_CODE_WINDOW) problems.push(`${name}: its code window ${span(window)} is ${window.end - window.start} bytes, more than the ${MAX_CODE_WINDOW} a code window may be`);
      }
    }

    // Its own areas apart from the kernel, devices and everyone else's (each pair of partitions once).
    const areasOf = (o: { ram: Area; window?: Area; image?: Area }) => [o.ram, ...(o.window ? [o.window] : []), ...(o.image && !within(o.image, o.ram) && !(o.window && within(o.image, o.window)) ? [o.image] : [])];
    const others = entries.filter(([n]) => n !== name).flatMap(([, o]) => areasOf(o));
    const later = entries.slice(entries.findIndex(([n]) => n === name) + 1).flatMap(([, o]) => areasOf(o));
    for (const area of [mine, ...(window ? [window] : [])]) {
      for (const f of [...kernel, ...devices, ...later]) {
        if (overlaps(area, f)) problems.push(`${name}: ${area === mine ? "its RAM" : "its code window"} ${span(area)} overlaps ${f.what} ${span(f)}`);
      }
    }

    // Granted devices: read-write, all of each window.
    const granted = (spec.devices ?? []).flatMap((d) => devices.filter((x) => x.name === d)).map((d) => ({ ...d, end: d.start + alignUp(d.end - d.start, granularity) }));
    for (const d of granted) {
      const got = reach.filter((r) => overlaps(r, d));
      if (got.length !== 1 || !within(d, got[0]) || got[0].perms !== "rw") problems.push(`${name}: ${d.what} ${span(d)} is granted read-write; its PMP entries give ${describeIn(reach, d, false)}`);
    }

    // The rest: nothing of anyone else's; what is left in RAM must be shared memory.
    const forbidden = [...kernel, ...devices.filter((d) => !granted.some((g) => g.name === d.name)), ...others];
    for (const r of reach.flatMap((x) => subtract(x, [mine, ...(window ? [window] : []), ...granted]))) {
      for (const f of forbidden.filter((x) => overlaps(r, x))) {
        problems.push(`${name}: its PMP entries grant ${span({ start: Math.max(r.start, f.start), end: Math.min(r.end, f.end) })} ${shown(r.perms)}, which is ${f.what} (${span(f)})`);
      }
      for (const left of subtract(r, forbidden)) {
        for (const inRam of [{ ...left, start: Math.max(left.start, ram.start), end: Math.min(left.end, ram.end) }].filter((x) => x.end > x.start)) shared.push({ partition: name, ...inRam });
        for (const out of subtract(left, [ram])) problems.push(`${name}: its PMP entries grant ${span(out)} ${shown(out.perms)}, which is none of its RAM, code window, shared memory or granted devices`);
      }
    }
  }

  // 3. Shared memory as the spec shares it.
  problems.push(...proveShared(system, granularity, shared));
  return { partitions: [], pmp: reports, problems };
}

/** A partition's PMP entries and reach, for people. */
export function formatPmp(p: PmpPartitionReach): string[] {
  return [
    `${p.name} (PMP, ${p.used} entr${p.used === 1 ? "y" : "ies"} loaded):`,
    ...p.entries.map((e) => `  entry ${e.index}: ${e.match} ${e.perms || "-"} ${span(e)}`),
    ...p.reach.map((r) => `  reaches ${span(r)} ${r.perms}`),
  ];
}
