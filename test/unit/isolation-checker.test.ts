/**
 * The isolation checker (sim/isolation): the Sv39x4 walk on tables written
 * by hand, then the proof on what the generator emits for every example and
 * for random specs, and on tables corrupted on purpose, which it must catch.
 * Microkernel mode likewise: the PMP decode on entries written by hand, the
 * proof on the generator's entries for the microkernel examples and a system
 * with channels, a shared region and a device, on entries corrupted on
 * purpose, and on real builds read back from their ELF (RV64 and RV32).
 * Built firmware goes through it in test/build.ts (every integration test's
 * system) and in the property test's builds.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAbi } from "../../generator/pipeline/load/read-abi.ts";
import { checkSpec } from "../../generator/pipeline/check.ts";
import { lower } from "../../generator/pipeline/lower/index.ts";
import type { Model } from "../../generator/pipeline/lower/model.ts";
import { FIRMWARE_DIR } from "../../generator/pipeline/index.ts";
import { checkIsolation, decodePmp, pmpFactsFromElf, pmpReach, proveIsolation, provePmp, walkSv39x4, type FirmwareFacts, type PartitionPmp, type PmpFacts } from "../../sim/isolation/index.ts";
import { boards, defineSystem, planMemory, validate, type MemoryPlan, type System } from "../../spec/index.ts";
import { validSpec, withBoard } from "../property/arbitraries.ts";
import { buildOrThrow } from "../build.ts";
import { outDir, ROOT } from "../helpers.ts";

const abi = readAbi();

/** What a built ELF would hold, from the generator's model: its table words, hgatps and image sections. */
function factsFromModel(system: System, plan: MemoryPlan, model: Model): FirmwareFacts & { words: Map<number, bigint> } {
  const gstage = model.gstage!;
  const base = Number(gstage.base);
  const size = Number(gstage.size);
  const words = new Map<number, bigint>();
  for (const e of gstage.entries) words.set(base + e.index * 8, BigInt(e.value.replace(/ULL$/, "")));
  const sections = [
    { name: ".text", address: plan.firmware.base, size: 0x8000 },
    { name: ".gstage", address: base, size },
    ...model.partitions.flatMap((p) => [
      { name: `.p3.image.${p.name}`, address: Number(p.imageHost), size: 4 },
      { name: `.p3.dtb.${p.name}`, address: Number(p.dtbHost), size: 4096 },
    ]),
    ...(plan.pristine.size ? [{ name: ".p3.pristine", address: plan.pristine.base, size: plan.pristine.size }] : []),
  ];
  return {
    words,
    read: (a) => (a >= base && a + 8 <= base + size && a % 8 === 0 ? (words.get(a) ?? 0n) : undefined),
    sections,
    hgatp: new Map(model.partitions.map((p) => [p.name, BigInt(p.hgatp!.replace(/ULL$/, ""))])),
    problems: [],
  };
}

function lowered(system: System): { plan: MemoryPlan; model: Model } {
  const planned = planMemory(system);
  if (!planned.ok) throw new Error(planned.problems.map((p) => p.message).join("\n"));
  return { plan: planned.plan, model: lower(system, planned.plan, abi, { specFile: "/spec/system.ts", outDir: "/spec/build", firmwareDir: FIRMWARE_DIR }) };
}

async function example(name: string, file = "system.ts"): Promise<System> {
  const checked = await checkSpec(path.join(ROOT, "examples", name, file));
  if (!checked.ok) throw new Error(`${name}/${file} does not check`);
  return checked.spec.system;
}

describe("the Sv39x4 walk", () => {
  const ROOT_AT = 0x8004_0000;
  const L1_AT = 0x8004_4000;
  const L0_AT = 0x8004_5000;
  const hgatp = (8n << 60n) | (5n << 44n) | BigInt(ROOT_AT >>> 12);
  const pointer = (at: number) => (BigInt(at) >> 12n << 10n) | 1n;
  const leaf = (host: number, flags = 0xd7n) => (BigInt(host) >> 12n << 10n) | flags; // V R W U A D, or as given
  const walk = (entries: Record<number, bigint>, root = hgatp) => walkSv39x4((a) => (a >= ROOT_AT && a < L0_AT + 0x1000 ? (entries[a] ?? 0n) : undefined), root);

  it("follows the root (bits 40:30), then 4K tables, to 4K, 2M and 1G leaves with their access", () => {
    const w = walk({
      [ROOT_AT + 2 * 8]: pointer(L1_AT), //               0x80000000: a table
      [ROOT_AT + 2047 * 8]: leaf(0x4000_0000, 0x5bn), //  0x1ffc0000000: 1G, V R X U A
      [L1_AT + 1 * 8]: leaf(0x8060_0000), //               0x80200000: 2M rw
      [L1_AT + 0 * 8]: pointer(L0_AT), //                  0x80000000: a table
      [L0_AT + 3 * 8]: leaf(0x8010_3000, 0x53n), //        0x80003000: 4K, V R U A
    });
    expect(w.problems).toEqual([]);
    expect(w.vmid).toBe(5);
    expect(w.leaves.map(({ guest, host, size, perms }) => ({ guest, host, size, perms }))).toEqual([
      { guest: 0x8000_3000, host: 0x8010_3000, size: 0x1000, perms: "r" },
      { guest: 0x8020_0000, host: 0x8060_0000, size: 0x20_0000, perms: "rw" },
      { guest: 2047 * 0x4000_0000, host: 0x4000_0000, size: 0x4000_0000, perms: "rx" },
    ]);
    expect(w.tables).toEqual([[ROOT_AT, 16384], [L1_AT, 4096], [L0_AT, 4096]]);
  });

  it("refuses what a hart faults on, and says why", () => {
    const w = walk({
      [ROOT_AT + 0 * 8]: leaf(0x8000_0000, 0x55n), //          W without R
      [ROOT_AT + 1 * 8]: leaf(0x8000_0000, 0xc7n), //          a leaf without U
      [ROOT_AT + 2 * 8]: leaf(0x8020_0000), //                 a misaligned 1G superpage
      [ROOT_AT + 3 * 8]: leaf(0xc000_0000) | (1n << 61n), //   PBMT bits
      [ROOT_AT + 4 * 8]: pointer(L1_AT) | 16n, //              a pointer with U
      [L1_AT]: pointer(L0_AT),
      [L0_AT]: pointer(L0_AT), //                              a pointer at the last level
      [L0_AT + 8]: leaf(0x8000_0000, 0x17n), //                A and D clear
      [ROOT_AT + 5 * 8]: pointer(0x9000_0000), //              a table outside the image
    });
    const text = w.problems.join("\n");
    for (const why of ["W without R", "without U", "misaligned superpage", "bits 63:54", "U, A or D set", "pointer at the last level", "A is clear", "D is clear", "outside the image"]) expect(text).toContain(why);
    expect(w.leaves.map((l) => l.guest)).toEqual([4 * 0x4000_0000 + 0x1000]); // only the A/D-clear one is reachable
  });

  it("walks from the 16K-aligned root a hart would use, and says so", () => {
    const w = walk({ [ROOT_AT + 2 * 8]: leaf(0x8000_0000) }, hgatp | 2n);
    expect(w.problems.join()).toContain("not 16 KiB aligned");
    expect(w.root).toBe(ROOT_AT);
    expect(walk({}, (9n << 60n) | BigInt(ROOT_AT >>> 12)).problems.join()).toContain("not Sv39x4");
  });
});

describe("the proof", () => {
  it("holds for what the generator emits for every example", async () => {
    for (const name of fs.readdirSync(path.join(ROOT, "examples")).sort()) {
      const system = await example(name);
      const { plan, model } = lowered(system);
      const report = proveIsolation(system, factsFromModel(system, plan, model));
      expect(report.problems, name).toEqual([]);
      expect(report.partitions.length).toBe(Object.keys(system.partitions).length);
    }
  });

  it("holds for random valid specs: RAM, stacks, guard pages, regions, channels, devices", () => {
    let checked = 0;
    fc.assert(
      fc.property(validSpec, (spec) => {
        const system = withBoard(spec) as unknown as System;
        if (validate(system, { fileExists: () => true }).length) return;
        const { plan, model } = lowered(system);
        expect(proveIsolation(system, factsFromModel(system, plan, model)).problems).toEqual([]);
        checked++;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
    expect(checked).toBeGreaterThan(100);
  });

  describe("catches tables that grant what the spec does not", async () => {
    const system = await example("pipeline");
    const { plan, model } = lowered(system);
    const leafOf = (facts: ReturnType<typeof factsFromModel>, partition: string, guest: number) => {
      const walked = walkSv39x4(facts.read, facts.hgatp.get(partition)!);
      const l = walked.leaves.find((x) => guest >= x.guest && guest < x.guest + x.size)!;
      return l.at;
    };
    const filter = plan.partitions.find((p) => p.name === "filter")!;
    const sensor = plan.partitions.find((p) => p.name === "sensor")!;
    const cases: [string, (f: ReturnType<typeof factsFromModel>) => void, RegExp][] = [
      ["a page of another partition's RAM", (f) => f.words.set(leafOf(f, "sensor", 0x8000_0000), (BigInt(filter.host) >> 12n << 10n) | 0xdfn), /sensor: its RAM should map|overlap/],
      ["the hypervisor's memory", (f) => f.words.set(leafOf(f, "sensor", 0xc000_0000), (BigInt(plan.firmware.base) >> 12n << 10n) | 0xd7n), /reaches the hypervisor's \.text|firmware's reserve/],
      ["its device tree writable", (f) => f.words.set(leafOf(f, "sensor", sensor.deviceTree), f.words.get(leafOf(f, "sensor", sensor.deviceTree))! | 4n | 0x80n), /sensor: its RAM should map .* 0x8003f000-0x80040000 r;.* rw/],
      ["its guard page", (f) => f.words.set(leafOf(f, "sensor", sensor.guard + 0x1000) - 8, (BigInt(sensor.host + (sensor.guard - 0x8000_0000)) >> 12n << 10n) | 0xd7n), /sensor: its RAM should map/],
      ["a channel's receiver writing it", (f) => {
        const at = leafOf(f, "filter", plan.shared.find((s) => s.name === "samples")!.guest);
        f.words.set(at, f.words.get(at)! | 4n | 0x80n);
      }, /channel samples/],
      ["a device nobody granted", (f) => f.words.set(leafOf(f, "sensor", 0xc000_0000) + 0x100 * 8, (0x1000_0000n >> 12n << 10n) | 0xd7n), /device uart0/],
      ["a page table", (f) => f.words.set(leafOf(f, "sensor", 0xc000_0000) + 0x101 * 8, (BigInt(plan.tables.base) >> 12n << 10n) | 0xd7n), /\.gstage/],
      ["two partitions under one VMID", (f) => f.hgatp.set("filter", (f.hgatp.get("filter")! & ~(0x3fffn << 44n)) | (1n << 44n)), /share VMID 1/],
    ];
    for (const [what, corrupt, expected] of cases) {
      it(what, () => {
        const facts = factsFromModel(system, plan, model);
        expect(proveIsolation(system, facts).problems).toEqual([]);
        corrupt(facts);
        const problems = proveIsolation(system, facts).problems;
        expect(problems.length, what).toBeGreaterThan(0);
        expect(problems.join("\n")).toMatch(expected);
      });
    }
  });
});

/** What a microkernel ELF would hold, from the generator's model: each partition's PMP entries and record, the kernel's and the images' sections. */
function pmpFactsFromModel(system: System, plan: MemoryPlan, model: Model): PmpFacts {
  const xlen = model.board.xlen as 32 | 64;
  const perWord = xlen / 8;
  const n = system.board.pmp!.entries;
  const value = (s: string) => BigInt(s.replace(/ULL$/, ""));
  const pmp = new Map<string, PartitionPmp>(
    model.partitions.map((p) => [
      p.name,
      {
        cfg: Array.from({ length: n }, (_, i) => Number((value(p.pmp!.cfgWords[Math.floor(i / perWord)]) >> BigInt(8 * (i % perWord))) & 0xffn)),
        addr: Array.from({ length: n }, (_, i) => (p.pmp!.entries[i] ? value(p.pmp!.entries[i].address) : 0n)),
        used: p.pmp!.used,
        ramHost: Number(p.host),
        ramSize: Number(p.ramSize),
      },
    ]),
  );
  const sections = [
    { name: ".text", address: (plan.firmwareCode ?? plan.firmware).base, size: 0x2000 },
    { name: ".bss", address: plan.firmware.base + (plan.firmwareCode ? 0 : 0x3000), size: 0x800 },
    ...model.partitions.map((p) => ({ name: `.p3.image.${p.name}`, address: Number(p.imageHost), size: 0x400 })),
    ...plan.partitions.filter((p) => model.partitions.find((m) => m.name === p.name)!.segments.length).map((p, i) => ({ name: `.p3.pristine.${p.name}`, address: plan.pristine.base + i * 0x1000, size: 0x400 })),
  ];
  return { xlen, sections, pmp, problems: [] };
}

/** Channels, a shared region, a device, RAM that is not a power of two (TOR) and a restartable partition, in microkernel mode. */
const mixed = defineSystem({
  name: "mk",
  board: boards.qemuVirt({ harts: 1, ram: "64M", h: false }),
  partitions: {
    sensor: { app: "sensor.c", memory: "64K", hart: 0, devices: ["rtc"] },
    filter: { app: "filter.c", memory: "96K", hart: 0, onFault: "restart" },
    logger: { app: "logger.c", memory: "64K", hart: 0 },
  },
  channels: {
    samples: { from: "sensor", to: "filter", msgSize: 64, depth: 16 },
    events: { from: "filter", to: "logger", msgSize: 24, depth: 3 },
  },
  shared: { log: { size: "4K", access: { sensor: "rw", logger: "r" } } },
}) as unknown as System;

describe("the PMP decode", () => {
  const A = { OFF: 0, TOR: 8, NA4: 16, NAPOT: 24 };
  const config = (entries: [number, bigint][], used = entries.length): PartitionPmp => ({
    cfg: [...entries.map(([c]) => c), ...Array(8 - entries.length).fill(0)],
    addr: [...entries.map(([, a]) => a), ...Array(8 - entries.length).fill(0n)],
    used,
    ramHost: 0,
    ramSize: 0,
  });
  const napot = (base: number, size: number) => BigInt(base / 4 + (size / 8 - 1));

  it("matches NAPOT, TOR (from the previous pmpaddr, or 0 for entry 0), NA4; the lowest-numbered match decides", () => {
    const { entries, problems } = decodePmp(
      config([
        [A.TOR | 1, 0x1000n / 4n], //                         0x0-0x1000 r
        [A.NA4 | 3, 0x8000_0000n / 4n], //                    0x80000000-0x80000004 rw
        [A.NAPOT | 0, napot(0x8001_0000, 0x1000)], //         0x80010000-0x80011000 nothing: denies what follows
        [A.NAPOT | 7, napot(0x8001_0000, 0x1_0000)], //       0x80010000-0x80020000 rwx
        [A.OFF, 0x8003_0000n / 4n], //                        holds a TOR's base
        [A.TOR | 5, 0x8003_1800n / 4n], //                    0x80030000-0x80031800 rx
      ]),
      64,
    );
    expect(problems).toEqual([]);
    expect(entries.filter((e) => e.match !== "OFF").map(({ index, match, perms, start, end }) => [index, match, perms, start, end])).toEqual([
      [0, "TOR", "r", 0, 0x1000],
      [1, "NA4", "rw", 0x8000_0000, 0x8000_0004],
      [2, "NAPOT", "", 0x8001_0000, 0x8001_1000],
      [3, "NAPOT", "rwx", 0x8001_0000, 0x8002_0000],
      [5, "TOR", "rx", 0x8003_0000, 0x8003_1800],
    ]);
    expect(pmpReach(entries)).toEqual([
      { start: 0, end: 0x1000, perms: "r" },
      { start: 0x8000_0000, end: 0x8000_0004, perms: "rw" },
      { start: 0x8001_1000, end: 0x8002_0000, perms: "rwx" },
      { start: 0x8003_0000, end: 0x8003_1800, perms: "rx" },
    ]);
  });

  it("reads pmpaddr as 34 address bits on RV32: all ones is the whole space; a TOR below its base matches nothing", () => {
    const { entries } = decodePmp(config([[A.NAPOT | 1, 0xffff_ffffn], [A.TOR | 3, 0x100n]]), 32);
    expect(entries.slice(0, 2).map(({ start, end }) => [start, end])).toEqual([[0, 2 ** 34], [0, 0]]);
  });

  it("refuses what the kernel or the hart would not do as the generator meant", () => {
    const { problems } = decodePmp(
      config(
        [
          [0x80 | A.NAPOT | 3, napot(0x8000_0000, 0x1000)],
          [A.NAPOT | 2, napot(0x8000_0000, 0x1000)],
          [0x20 | A.NAPOT | 1, napot(0x8000_0000, 0x1000)],
          [A.NAPOT | 1, napot(0x8000_0000, 0x1000)],
        ],
        3,
      ),
      64,
    );
    expect(problems).toEqual([
      "PMP entry 0 (NAPOT rw) is locked (L): it binds the kernel in M-mode too and no later partition could change it",
      "PMP entry 1 (NAPOT w) grants W without R, a reserved combination (cfg 0x1a)",
      "PMP entry 2 (NAPOT r) has reserved cfg bits 5-6 set (0x39)",
      "PMP entry 3 (NAPOT r) is enabled beyond the 3 entries the kernel loads: it would match whatever the previous partition left in pmpaddr3",
    ]);
  });
});

describe("the PMP proof", () => {
  const mk = (system: System) => {
    const { plan, model } = lowered(system);
    return { plan, model, facts: pmpFactsFromModel(system, plan, model) };
  };

  it("holds for what the generator emits for the microkernel examples and a system with channels, a shared region and a device", async () => {
    const systems: [string, System][] = [
      ["hello virt-noh", await example("hello", "system.virt-noh.ts")],
      ["hello e300-arty", await example("hello", "system.e300-arty.ts")],
      ["hello shakti-c-arty", await example("hello", "system.shakti-c-arty.ts")],
      ["mixed", mixed],
    ];
    expect(validate(mixed, { fileExists: () => true })).toEqual([]);
    for (const [what, system] of systems) {
      const { facts } = mk(system);
      const report = provePmp(system, facts);
      expect(report.problems, what).toEqual([]);
      expect(report.pmp!.map((p) => p.name), what).toEqual(Object.keys(system.partitions));
    }
  });

  it("holds for random valid specs on virt without H: RAM (NAPOT and TOR), regions, channels, devices", () => {
    let checked = 0;
    fc.assert(
      fc.property(validSpec, (spec) => {
        const system = withBoard(spec, boards.qemuVirt({ harts: spec.harts, ram: "64M", h: false })) as unknown as System;
        if (validate(system, { fileExists: () => true }).length) return;
        const { facts } = mk(system);
        expect(provePmp(system, facts).problems).toEqual([]);
        checked++;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
    expect(checked).toBeGreaterThan(100);
  });

  describe("catches entries that grant what the spec does not", async () => {
    const hello = await example("hello", "system.virt-noh.ts");
    const e300 = await example("hello", "system.e300-arty.ts");
    const { plan, facts: pristine } = mk(mixed);
    const shared = (name: string) => plan.shared.find((s) => s.name === name)!;
    const logger = plan.partitions.find((p) => p.name === "logger")!;
    const napot = (base: number, size: number) => BigInt(base / 4 + (size / 8 - 1));
    /** The entry of a partition that is the NAPOT of this range. */
    const index = (c: PartitionPmp, base: number, size: number) => c.addr.findIndex((a, i) => i < c.used && a === napot(base, size));
    /** One more entry, after its own: it only decides where none of those match. */
    const add = (c: PartitionPmp, cfg: number, addr: bigint) => {
      c.cfg[c.used] = cfg;
      c.addr[c.used] = addr;
      c.used++;
    };
    const NAPOT = 0x18;
    const cases: [string, System, (f: PmpFacts) => void, string[]][] = [
      [
        "a widened NAPOT: hello's ping with 128K of RAM instead of 64K, over the kernel",
        hello,
        (f) => {
          const c = f.pmp.get("ping")!;
          c.addr[index(c, 0x8001_0000, 0x1_0000)] = napot(0x8000_0000, 0x2_0000);
        },
        ["ping: its PMP entries grant 0x80000000-0x80010000 rwx (writable and executable at once), which is the kernel's RAM reserve (0x80000000-0x80010000)"],
      ],
      [
        "a widened NAPOT: the E300's ping with 8K of RAM instead of 4K, over the kernel's data",
        e300,
        (f) => {
          const c = f.pmp.get("ping")!;
          c.addr[index(c, 0x8000_1000, 0x1000)] = napot(0x8000_0000, 0x2000);
        },
        ["ping: its PMP entries grant 0x80000000-0x80001000 rw, which is the kernel's RAM reserve (0x80000000-0x80001000)"],
      ],
      [
        "a widened NAPOT: logger's RAM over the shared memory after it, which its RAM entry overrides",
        mixed,
        (f) => {
          const c = f.pmp.get("logger")!;
          c.addr[index(c, logger.host, 0x1_0000)] = napot(logger.host, 0x2_0000);
        },
        [
          "logger: its PMP entries grant 0x80051480-0x80051880 rwx (writable and executable at once), which is the kernel's .p3.pristine.filter (0x80051480-0x80051880)",
          "shared region log at 0x80050000-0x80051000: logger reaches it rwx (writable and executable at once); the spec grants r",
          "channel events at 0x80051400-0x80051480: logger reaches it rwx (writable and executable at once); the spec grants r",
          "channel samples at 0x80051000-0x80051400: logger reaches it rwx (writable and executable at once), which the spec does not grant",
          "logger reaches 0x80051880-0x80060000 rwx (writable and executable at once), which no shared region or channel of the spec grants",
        ],
      ],
      [
        "an extra entry over a neighbour's RAM",
        mixed,
        (f) => add(f.pmp.get("sensor")!, NAPOT | 3, napot(logger.host, 0x1_0000)),
        ["sensor: its PMP entries grant 0x80040000-0x80050000 rw, which is logger's RAM (0x80040000-0x80050000)"],
      ],
      [
        "a missing entry: filter cannot read the samples channel",
        mixed,
        (f) => {
          const c = f.pmp.get("filter")!;
          c.cfg[index(c, shared("samples").host, shared("samples").size)] = 0;
        },
        ["channel samples at 0x80051000-0x80051400: filter cannot reach it; the spec grants r"],
      ],
      [
        "a missing entry: hello's pong has no RAM",
        hello,
        (f) => {
          f.pmp.get("pong")!.cfg[0] = 0;
        },
        ["pong: its RAM 0x80020000-0x80030000 (65536 bytes, as the spec gives) should be rwx; its PMP entries give 0x80020000-0x80030000 none"],
      ],
      [
        "W+X on a shared region",
        mixed,
        (f) => {
          const c = f.pmp.get("sensor")!;
          c.cfg[index(c, shared("log").host, shared("log").size)] |= 4;
        },
        ["shared region log at 0x80050000-0x80051000: sensor reaches it rwx (writable and executable at once); the spec grants rw"],
      ],
      [
        "W+X on the E300's code window",
        e300,
        (f) => {
          f.pmp.get("pong")!.cfg[0] |= 2;
        },
        ["pong: its code window 0x20420000-0x20430000 (around its image) is rwx (writable and executable at once); it should be rx"],
      ],
      [
        "an entry over the kernel",
        mixed,
        (f) => add(f.pmp.get("logger")!, NAPOT | 1, napot(plan.firmware.base, 0x1_0000)),
        ["logger: its PMP entries grant 0x80000000-0x80010000 r, which is the kernel's RAM reserve (0x80000000-0x80010000)"],
      ],
      [
        "a widened NAPOT: the E300's pong with a 128K code window, over flash nobody uses",
        e300,
        (f) => {
          const c = f.pmp.get("pong")!;
          c.addr[index(c, 0x2042_0000, 0x1_0000)] = napot(0x2042_0000, 0x2_0000);
        },
        ["pong: its code window 0x20420000-0x20440000 is 131072 bytes, more than the 65536 a code window may be"],
      ],
      [
        "an entry over the E300 kernel's code",
        e300,
        (f) => add(f.pmp.get("ping")!, NAPOT | 5, napot(0x2040_0000, 0x8000)),
        ["ping: its PMP entries grant 0x20400000-0x20408000 rx, which is the kernel's code reserve (0x20400000-0x20408000)"],
      ],
      [
        "a device nobody granted",
        mixed,
        (f) => add(f.pmp.get("logger")!, NAPOT | 3, napot(0x1000_0000, 0x100)),
        ["logger: its PMP entries grant 0x10000000-0x10000100 rw, which is device uart0 (0x10000000-0x10000100)"],
      ],
      [
        "a granted device read-only",
        mixed,
        (f) => {
          const c = f.pmp.get("sensor")!;
          c.cfg[index(c, 0x10_1000, 0x1000)] = NAPOT | 1;
        },
        ["sensor: device rtc 0x101000-0x102000 is granted read-write; its PMP entries give 0x101000-0x102000 r"],
      ],
      [
        "RAM smaller than the spec's (a TOR ending early)",
        mixed,
        (f) => {
          f.pmp.get("filter")!.addr[1] -= 0x400n;
        },
        ["filter: its RAM 0x80020000-0x80038000 (98304 bytes, as the spec gives) should be rwx; its PMP entries give 0x80020000-0x80037000 rwx, 0x80037000-0x80038000 none"],
      ],
      [
        "the sender's end of a channel read-only",
        mixed,
        (f) => {
          const c = f.pmp.get("filter")!;
          c.cfg[index(c, shared("events").host, shared("events").size)] = NAPOT | 1;
        },
        ["channel events at 0x80051400-0x80051480: filter reaches it r; the spec grants rw"],
      ],
      [
        "an entry enabled beyond what the kernel loads",
        mixed,
        (f) => {
          const c = f.pmp.get("logger")!;
          c.cfg[c.used] = NAPOT | 3;
        },
        ["logger: PMP entry 3 (NAPOT rw) is enabled beyond the 3 entries the kernel loads: it would match whatever the previous partition left in pmpaddr3"],
      ],
      [
        "a record whose RAM is not where the entries put it",
        mixed,
        (f) => {
          f.pmp.get("logger")!.ramHost = 0x8003_0000;
        },
        [
          "filter: its RAM 0x80020000-0x80038000 overlaps logger's RAM 0x80030000-0x80040000",
          "logger: its RAM 0x80030000-0x80040000 (65536 bytes, as the spec gives) should be rwx; its PMP entries give 0x80030000-0x80040000 none",
          "logger: its image at 0x80042000-0x80042400 is not inside its RAM 0x80030000-0x80040000",
          "logger reaches 0x80040000-0x80050000 rwx (writable and executable at once), which no shared region or channel of the spec grants",
        ],
      ],
    ];
    for (const [what, system, corrupt, expected] of cases) {
      it(what, () => {
        const base = system === mixed ? pristine : mk(system).facts;
        const facts: PmpFacts = { ...base, pmp: new Map([...base.pmp].map(([n, c]) => [n, { ...c, cfg: [...c.cfg], addr: [...c.addr] }])) };
        expect(provePmp(system, facts).problems).toEqual([]);
        corrupt(facts);
        const problems = provePmp(system, facts).problems;
        expect(problems).toEqual(expected);
      });
    }
  });
});

describe("the PMP proof on real builds", () => {
  for (const [variant, xlen] of [["virt-noh", 64], ["e300-arty", 32]] as const) {
    it(`reads hello ${variant}'s entries from its ELF (RV${xlen}) as the generator meant them, and finds it isolated`, async () => {
      const generated = await buildOrThrow(path.join(ROOT, "examples", "hello", `system.${variant}.ts`), outDir(`isolation-checker-${variant}`));
      const system = generated.spec.system;
      const elf = fs.readFileSync(path.join(generated.outDir, "hello.elf"));
      const facts = pmpFactsFromElf(elf, system);
      expect(facts.problems).toEqual([]);
      expect(facts.xlen).toBe(xlen);
      const { plan, model } = lowered(system);
      expect(facts.pmp).toEqual(pmpFactsFromModel(system, plan, model).pmp);
      expect(checkIsolation(elf, system).problems).toEqual([]);
    });
  }
});
