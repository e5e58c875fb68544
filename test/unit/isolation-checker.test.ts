/**
 * The isolation checker (sim/isolation): the Sv39x4 walk on tables written
 * by hand, then the proof on what the generator emits for every example and
 * for random specs, and on tables corrupted on purpose, which it must catch.
 * Built firmware goes through it in test/build.ts (every integration test's
 * system) and in the property test's builds.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAbi } from "../../generator/abi/read-abi.ts";
import { checkSpec } from "../../generator/check-spec.ts";
import { lower } from "../../generator/lower/index.ts";
import type { Model } from "../../generator/lower/model.ts";
import { FIRMWARE_DIR } from "../../generator/pipeline.ts";
import { proveIsolation, walkSv39x4, type FirmwareFacts } from "../../sim/isolation/index.ts";
import { planMemory, validate, type MemoryPlan, type System } from "../../spec/index.ts";
import { validSpec, withBoard } from "../property/arbitraries.ts";
import { ROOT } from "../helpers.ts";

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

async function example(name: string): Promise<System> {
  const checked = await checkSpec(path.join(ROOT, "examples", name, "system.ts"));
  if (!checked.ok) throw new Error(`${name} does not check`);
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
