/**
 * Random systems for the property tests: valid ones built from a small
 * vocabulary (so that channels, regions, devices and schedules refer to
 * partitions that exist), and any of them with random values written over
 * random places, including values of the wrong type.
 */
import fc from "fast-check";
import { boards } from "../../spec/boards/index.ts";

const PARTITION_NAMES = ["alpha", "beta", "gamma", "delta"];
const CHANNEL_NAMES = ["ch_a", "ch_b", "ch_c", "ch_d"];
const REGION_NAMES = ["shm_a", "shm_b"];
const DEVICES = ["rtc", "virtio0", "virtio1", "virtio2", "virtio3"];

/** A spec as plain data (what `defineSystem` returns, less the board, added by `withBoard`). */
export interface RandomSpec {
  name: string;
  harts: number;
  partitions: Record<string, Record<string, unknown>>;
  channels?: Record<string, Record<string, unknown>>;
  shared?: Record<string, Record<string, unknown>>;
  schedule?: Record<string, unknown>;
}

/** A valid system that today's generator builds: apps only, with channels, regions, devices and schedules. */
export const validSpec: fc.Arbitrary<RandomSpec> = fc
  .record({
    harts: fc.integer({ min: 1, max: 3 }),
    count: fc.integer({ min: 1, max: 4 }),
    memory: fc.array(fc.constantFrom("24K", "64K", "128K", "2M"), { minLength: 4, maxLength: 4 }),
    hartPick: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    stacks: fc.array(fc.constantFrom(undefined, "8K"), { minLength: 4, maxLength: 4 }),
    faults: fc.array(fc.constantFrom(undefined, "stop", "restart", "halt", { restart: 2 }), { minLength: 4, maxLength: 4 }),
    deviceOwners: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: DEVICES.length, maxLength: DEVICES.length }),
    channels: fc.array(fc.record({ from: fc.nat(), step: fc.nat(), msgSize: fc.constantFrom(1, 64, "1K", "4K"), depth: fc.integer({ min: 1, max: 16 }), notify: fc.boolean() }), { maxLength: 4 }),
    regions: fc.array(fc.record({ size: fc.constantFrom("4K", "8K"), users: fc.array(fc.tuple(fc.nat(), fc.constantFrom("r", "rw")), { minLength: 2, maxLength: 3 }) }), { maxLength: 2 }),
    schedules: fc.array(fc.constantFrom("none", "windows", "round-robin"), { minLength: 3, maxLength: 3 }),
    consoleOwner: fc.option(fc.nat(), { nil: undefined }),
  })
  .map((r) => {
    const names = PARTITION_NAMES.slice(0, r.count);
    const partitions: RandomSpec["partitions"] = {};
    names.forEach((name, i) => {
      const p: Record<string, unknown> = { app: "ok.c", memory: r.memory[i], hart: r.hartPick[i] % r.harts };
      if (r.stacks[i]) p.stack = r.stacks[i];
      if (r.faults[i]) p.onFault = r.faults[i];
      partitions[name] = p;
    });
    DEVICES.forEach((device, i) => {
      const owner = r.deviceOwners[i];
      if (owner === undefined) return;
      const p = partitions[names[owner % names.length]];
      p.devices = [...((p.devices as string[]) ?? []), device];
    });
    if (r.consoleOwner !== undefined) partitions[names[r.consoleOwner % names.length]].consoleInput = true;
    const spec: RandomSpec = { name: "random", harts: r.harts, partitions };
    if (names.length >= 2 && r.channels.length) {
      spec.channels = Object.fromEntries(
        r.channels.map((c, i) => {
          const from = c.from % names.length;
          const to = (from + 1 + (c.step % (names.length - 1))) % names.length;
          return [CHANNEL_NAMES[i], { from: names[from], to: names[to], msgSize: c.msgSize, depth: c.depth, notify: c.notify }];
        }),
      );
    }
    const regions = r.regions
      .map((region) => ({ size: region.size, access: Object.fromEntries(region.users.map(([u, a]) => [names[u % names.length], a])) }))
      .filter((region) => Object.keys(region.access).length >= 2);
    if (regions.length) spec.shared = Object.fromEntries(regions.map((region, i) => [REGION_NAMES[i], region]));
    const schedule: Record<string, unknown> = {};
    for (let h = 0; h < r.harts; h++) {
      const on = names.filter((n) => partitions[n].hart === h);
      if (r.schedules[h] === "windows" && on.length) schedule[`hart${h}`] = { majorFrame: `${on.length + 1}ms`, windows: [...on.map((n) => [n, "1ms"]), ["idle", "1ms"]] };
      if (r.schedules[h] === "round-robin") schedule[`hart${h}`] = { policy: "round-robin", slice: "500us" };
    }
    if (Object.keys(schedule).length) spec.schedule = schedule;
    return spec;
  });

/** Values a person or a cast might put anywhere, wrong ones included. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 4097, 65537, 2 ** 40, "", "lots", "64KB", "0ms", "hart7", "w", "rwx", "idle", "phase3", "int", "to-do", "uart0", "plic", "virtio9", null, true, [], {}, NaN, Infinity),
  fc.anything({ maxDepth: 2 }),
);

/** Every path to a value inside a value (objects and arrays). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

/** The spec with each mutation applied: a random existing place gets a random value, or a new key appears. */
export function mutate<T>(spec: T, mutations: { pick: number; value: unknown; addKey?: string }[]): T {
  const copy = structuredClone(spec) as Record<string, unknown>;
  for (const m of mutations) {
    const paths = pathsOf(copy);
    if (!paths.length) break;
    const path = paths[m.pick % paths.length];
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    if (m.addKey !== undefined && typeof parent === "object" && parent !== null && !Array.isArray(parent)) parent[m.addKey] = m.value;
    else parent[path[path.length - 1]] = m.value;
  }
  return copy as T;
}

export const mutations = fc.array(
  fc.record({ pick: fc.nat(), value: oddValue, addKey: fc.option(fc.constantFrom("hart9", "zeta", "extra", "policy", "restart"), { nil: undefined, freq: 4 }) }),
  { minLength: 0, maxLength: 3 },
);

/** A system value as `defineSystem` would return it. */
export function withBoard(spec: RandomSpec, board: unknown = boards.qemuVirt({ harts: spec.harts, ram: "64M" })): Record<string, unknown> {
  const { harts: _harts, ...rest } = spec;
  return { ...rest, board, kind: "system" };
}
