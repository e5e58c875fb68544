/**
 * Proves, from what the hardware will walk, that each partition reaches
 * exactly what its spec grants and nothing of anyone else's. The
 * expectations come from the spec and from the guest view Phase3 documents
 * (docs/architecture.md), never from the generator's memory plan:
 *
 *   - its RAM, `memory` bytes at guest 0x80000000, backed by one contiguous
 *     host range: an app's top page (its device tree) read-only, its stack
 *     below read-write, an unmapped guard page below that, the rest rwx; a
 *     guest image's RAM all rwx. Its image and device tree sections in the
 *     ELF must sit in that host range, where the tables say;
 *   - each granted device's pages, at their own address, read-write;
 *   - each shared region it is listed in, with exactly the access listed,
 *     and each channel it is an end of (the sender read-write, the receiver
 *     read-only), at one guest address for all their users, each as large as
 *     the spec says (rounded up to whole pages);
 *   - nothing else: no host byte of the hypervisor (its sections, its
 *     documented reserve, the page tables, the pristine images), of another
 *     partition's RAM, or of a device it was not granted; every table page a
 *     walk reads lies in the tables section, which nobody reaches; VMIDs are
 *     all different.
 *
 * The walk is hypervisor mode's (sv39x4.ts). Microkernel mode's proof, from
 * the PMP entries the kernel loads, is pmp.ts; checkIsolation (index.ts)
 * picks one by the system's execution mode.
 */
import { DEFAULT_STACK_SIZE, DEVICE_TREE_SIZE, GUARD_SIZE, GUEST_RAM_BASE, HYPERVISOR_RESERVE, PAGE_SIZE } from "../../spec/layout/index.ts";
import type { System } from "../../spec/system.ts";
import { hex, parseSize } from "../../spec/units.ts";
import type { FirmwareFacts } from "./facts.ts";
import { formatPmp, type PmpPartitionReach } from "./pmp.ts";
import { mergeLeaves, walkSv39x4, type Perms, type Reach } from "./sv39x4.ts";

export interface PartitionReach {
  name: string;
  hgatp: bigint;
  vmid: number;
  /** Everything the partition can reach, merged. */
  reach: Reach[];
  /** Host address of its RAM, when its tables map it. */
  ramHost?: number;
}

export interface IsolationReport {
  /** Hypervisor mode: each partition's G-stage reach. */
  partitions: PartitionReach[];
  /** Microkernel mode: each partition's PMP entries and reach. */
  pmp?: PmpPartitionReach[];
  problems: string[];
}

interface Area {
  start: number;
  end: number;
  what: string;
}

const span = (start: number, end: number) => `${hex(start)}-${hex(end)}`;
const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function bytes(value: unknown): number {
  const parsed = parseSize(value);
  if (!parsed.ok) throw new Error(`a spec size the validator should have refused: ${String(value)}`);
  return parsed.value;
}

/** Cuts ranges at the given guest addresses, so that each piece is wholly inside or outside. */
function cut(reach: Reach[], at: number[]): Reach[] {
  const out: Reach[] = [];
  for (const r of reach) {
    let pieces = [r];
    for (const a of at) {
      pieces = pieces.flatMap((p) => (a > p.guest && a < p.guest + p.size ? [{ ...p, size: a - p.guest }, { guest: a, host: p.host + (a - p.guest), size: p.guest + p.size - a, perms: p.perms }] : [p]));
    }
    out.push(...pieces);
  }
  return out;
}

/** The guest view the spec and the documented layout promise for a partition's RAM. */
function expectedRam(system: System, name: string): { start: number; end: number; perms: Perms }[] {
  const spec = system.partitions[name];
  const base = GUEST_RAM_BASE;
  const end = base + bytes(spec.memory);
  if (spec.image !== undefined) return [{ start: base, end, perms: "rwx" }];
  const stack = spec.stack === undefined ? DEFAULT_STACK_SIZE : bytes(spec.stack);
  const dt = end - DEVICE_TREE_SIZE;
  return [
    { start: base, end: dt - stack - GUARD_SIZE, perms: "rwx" },
    { start: dt - stack, end: dt, perms: "rw" },
    { start: dt, end, perms: "r" },
  ];
}

/** Who may map a shared object, and how: from the spec's regions and channels. */
function expectedShared(system: System): { what: string; users: Map<string, Perms>; size: number }[] {
  const objects: { what: string; users: Map<string, Perms>; size: number }[] = [];
  for (const [name, region] of Object.entries(system.shared ?? {})) {
    const users = new Map<string, Perms>(Object.entries(region.access as Record<string, Perms>).filter(([, a]) => a !== undefined));
    objects.push({ what: `shared region ${name}`, users, size: alignUp(bytes(region.size), PAGE_SIZE) });
  }
  for (const [name, channel] of Object.entries(system.channels ?? {})) {
    const users = new Map<string, Perms>([[channel.from, "rw"], [channel.to, "r"]]);
    objects.push({ what: `channel ${name}`, users, size: alignUp(bytes(channel.msgSize) * channel.depth, PAGE_SIZE) });
  }
  return objects;
}

const usersKey = (users: Map<string, Perms>) => [...users].map(([p, a]) => `${p}:${a}`).sort().join(" ");

export function proveIsolation(system: System, facts: FirmwareFacts): IsolationReport {
  const problems = [...facts.problems];
  const names = Object.keys(system.partitions);
  const ram = system.board.memory.ram;
  const gstage = facts.sections.find((s) => s.name === ".gstage");

  // What belongs to the hypervisor: every section that is not a partition's
  // image or device tree, and the reserve the layout documents.
  const hypervisor: Area[] = facts.sections
    .filter((s) => !s.name.startsWith(".p3.image.") && !s.name.startsWith(".p3.dtb."))
    .map((s) => ({ start: s.address, end: s.address + s.size, what: `the hypervisor's ${s.name}` }));
  hypervisor.push({ start: ram.base, end: ram.base + HYPERVISOR_RESERVE, what: "the firmware's reserve" });
  const devices: Area[] = Object.entries(system.board.devices).flatMap(([d, dev]) => (dev ? [{ d, dev }] : [])).map(({ d, dev }) => ({
    start: Math.floor(dev.base / PAGE_SIZE) * PAGE_SIZE,
    end: alignUp(dev.base + dev.size, PAGE_SIZE),
    what: `device ${d}`,
  }));

  // 1. Walk every partition's tables.
  const partitions: PartitionReach[] = [];
  for (const name of names) {
    const hgatp = facts.hgatp.get(name);
    if (hgatp === undefined) continue;
    const walk = walkSv39x4(facts.read, hgatp);
    problems.push(...walk.problems.map((p) => `${name}: ${p}`));
    for (const [at, size] of walk.tables) {
      if (!gstage || at < gstage.address || at + size > gstage.address + gstage.size) problems.push(`${name}: a table page at ${hex(at)} lies outside the .gstage section`);
    }
    partitions.push({ name, hgatp, vmid: walk.vmid, reach: mergeLeaves(walk.leaves) });
  }
  const vmids = new Map<number, string>();
  for (const p of partitions) {
    const other = vmids.get(p.vmid);
    if (other !== undefined) problems.push(`${p.name} and ${other} share VMID ${p.vmid}: their translations would mix in the TLB`);
    vmids.set(p.vmid, p.name);
  }

  // 2. Each partition's RAM and devices; the rest is shared memory.
  const sharedPages = new Map<number, { partition: string; guest: number; perms: Perms }[]>();
  const ramAreas: Area[] = [];
  for (const p of partitions) {
    const spec = system.partitions[p.name];
    const want = expectedRam(system, p.name);
    const ramStart = want[0].start;
    const ramEnd = want[want.length - 1].end;
    const granted = (spec.devices ?? []).map((d) => devices.find((a) => a.what === `device ${d}`)).filter((a): a is Area => a !== undefined);
    const pieces = cut(p.reach, [ramStart, ramEnd, ...granted.flatMap((g) => [g.start, g.end])]);

    const inRam = mergeLeaves(pieces.filter((r) => r.guest >= ramStart && r.guest < ramEnd));
    const got = inRam.map((r) => ({ start: r.guest, end: r.guest + r.size, perms: r.perms }));
    const same = got.length === want.length && got.every((g, i) => g.start === want[i].start && g.end === want[i].end && g.perms === want[i].perms);
    if (!same) {
      const show = (x: { start: number; end: number; perms: string }[]) => x.map((r) => `${span(r.start, r.end)} ${r.perms || "-"}`).join(", ") || "nothing";
      problems.push(`${p.name}: its RAM should map ${show(want)}; its tables map ${show(got)}`);
    }
    const deltas = new Set(inRam.map((r) => r.host - r.guest));
    if (deltas.size > 1) problems.push(`${p.name}: its RAM is not one contiguous host range`);
    if (inRam.length && deltas.size === 1) {
      const host = ramStart + [...deltas][0];
      p.ramHost = host;
      ramAreas.push({ start: host, end: host + (ramEnd - ramStart), what: `${p.name}'s RAM` });
      const image = facts.sections.find((s) => s.name === `.p3.image.${p.name}`);
      const dtb = facts.sections.find((s) => s.name === `.p3.dtb.${p.name}`);
      if (!image || image.address < host || image.address + image.size > host + (ramEnd - ramStart) || (spec.image === undefined && image.address !== host)) {
        problems.push(`${p.name}: its image ${image ? `is at ${span(image.address, image.address + image.size)}` : "is missing"}, but its tables put its RAM at host ${span(host, host + (ramEnd - ramStart))}`);
      }
      if (!dtb || dtb.address !== host + (ramEnd - ramStart) - DEVICE_TREE_SIZE) {
        problems.push(`${p.name}: its device tree ${dtb ? `is at ${hex(dtb.address)}` : "is missing"}, not in the top page of its RAM at host ${hex(host + (ramEnd - ramStart) - DEVICE_TREE_SIZE)}`);
      }
    }

    const outside = pieces.filter((r) => r.guest < ramStart || r.guest >= ramEnd);
    const deviceWindows = granted.filter((g, i) => granted.findIndex((h) => h.start === g.start) === i);
    for (const w of deviceWindows) {
      const mapped = outside.filter((r) => r.guest >= w.start && r.guest < w.end);
      const covered = mapped.reduce((n, r) => n + r.size, 0);
      for (const r of mapped) {
        if (r.host !== r.guest || r.perms !== "rw") problems.push(`${p.name}: ${w.what} at guest ${span(r.guest, r.guest + r.size)} maps host ${hex(r.host)} ${r.perms}, not itself read-write`);
      }
      if (covered !== w.end - w.start) problems.push(`${p.name}: ${w.what} is granted but ${covered} of its ${w.end - w.start} bytes are mapped`);
    }
    for (const r of outside.filter((x) => !deviceWindows.some((w) => x.guest >= w.start && x.guest < w.end))) {
      for (let off = 0; off < r.size; off += PAGE_SIZE) {
        const list = sharedPages.get(r.host + off) ?? [];
        list.push({ partition: p.name, guest: r.guest + off, perms: r.perms });
        sharedPages.set(r.host + off, list);
      }
    }
  }

  // 3. Host memory: RAM apart, nothing of the hypervisor, devices only as granted.
  for (let i = 0; i < ramAreas.length; i++) {
    for (const h of hypervisor) if (overlaps(ramAreas[i], h)) problems.push(`${ramAreas[i].what} at ${span(ramAreas[i].start, ramAreas[i].end)} overlaps ${h.what} at ${span(h.start, h.end)}`);
    for (const d of devices) if (overlaps(ramAreas[i], d)) problems.push(`${ramAreas[i].what} at ${span(ramAreas[i].start, ramAreas[i].end)} overlaps ${d.what}`);
    for (let j = i + 1; j < ramAreas.length; j++) {
      if (overlaps(ramAreas[i], ramAreas[j])) problems.push(`${ramAreas[i].what} and ${ramAreas[j].what} overlap at host ${span(Math.max(ramAreas[i].start, ramAreas[j].start), Math.min(ramAreas[i].end, ramAreas[j].end))}`);
    }
  }
  const forbidden = [...hypervisor, ...ramAreas, ...devices];
  for (const [host, users] of sharedPages) {
    const page = { start: host, end: host + PAGE_SIZE };
    for (const f of forbidden.filter((a) => overlaps(page, a))) problems.push(`${users.map((u) => u.partition).join(", ")} reach${users.length === 1 ? "es" : ""} ${f.what} at host ${hex(host)} (guest ${hex(users[0].guest)})`);
    if (new Set(users.map((u) => u.guest)).size > 1) problems.push(`host page ${hex(host)} appears at different guest addresses: ${users.map((u) => `${u.partition} ${hex(u.guest)}`).join(", ")}`);
    if (new Set(users.map((u) => u.partition)).size < users.length) problems.push(`host page ${hex(host)} is mapped twice in one partition`);
  }

  // 4. Shared memory: grouped into objects by who maps them how, against the spec.
  const found = new Map<string, { count: number; size: number; at: number }>();
  let object: { key: string; delta: number; end: number } | undefined;
  for (const host of [...sharedPages.keys()].sort((a, b) => a - b)) {
    const users = sharedPages.get(host)!;
    const key = usersKey(new Map(users.map((u) => [u.partition, u.perms])));
    const delta = users[0].guest - host;
    const entry = found.get(key) ?? { count: 0, size: 0, at: host };
    if (!object || object.key !== key || object.delta !== delta || object.end !== host) entry.count++;
    entry.size += PAGE_SIZE;
    found.set(key, entry);
    object = { key, delta, end: host + PAGE_SIZE };
  }
  const expected = new Map<string, { count: number; size: number; what: string[] }>();
  for (const o of expectedShared(system)) {
    const key = usersKey(o.users);
    const entry = expected.get(key) ?? { count: 0, size: 0, what: [] };
    entry.count++;
    entry.size += o.size;
    entry.what.push(o.what);
    expected.set(key, entry);
  }
  for (const [key, want] of expected) {
    const got = found.get(key);
    if (!got) problems.push(`${want.what.join(" and ")} (${key}) ${want.what.length > 1 ? "are" : "is"} not mapped so`);
    else if (got.size !== want.size) problems.push(`${want.what.join(" and ")} (${key}): ${want.size} bytes granted, ${got.size} mapped`);
    else if (got.count > want.count) problems.push(`${want.what.join(" and ")} (${key}): mapped in ${got.count} pieces`);
  }
  for (const [key, got] of found) {
    if (!expected.has(key)) problems.push(`host memory from ${hex(got.at)} (${got.size} bytes) is mapped as ${key}, which no shared region or channel of the spec grants`);
  }
  return { partitions, problems };
}

/** The report for people: each partition's reach, then the problems. */
export function formatIsolation(report: IsolationReport): string {
  const lines: string[] = [];
  for (const p of report.partitions) {
    lines.push(`${p.name} (VMID ${p.vmid}, hgatp 0x${p.hgatp.toString(16)}):`);
    for (const r of p.reach) lines.push(`  guest ${span(r.guest, r.guest + r.size)} -> host ${span(r.host, r.host + r.size)} ${r.perms}`);
  }
  for (const p of report.pmp ?? []) lines.push(...formatPmp(p));
  lines.push(report.problems.length ? `${report.problems.length} problem(s):` : "isolated as the spec grants");
  for (const problem of report.problems) lines.push(`  ${problem}`);
  return lines.join("\n");
}
