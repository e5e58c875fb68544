/** The benchmark harness's arithmetic, map reading, discovery and comparison (no QEMU). */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MeasurementError, parseReport, perOperation } from "../../sim/bench/figures.ts";
import { dependencies, footprintFromMap } from "../../sim/bench/footprint.ts";
import type { Figure } from "../../sim/bench/harness.ts";
import { compareResults, floorFor, replaceSection, type Results } from "../../sim/bench/report.ts";
import { discoverBenches } from "../../sim/bench/suite.ts";
import { ROOT } from "../helpers.ts";

describe("loop arithmetic", () => {
  it("subtracts the empty loop and divides by the count", () => {
    expect(perOperation({ n: 1000, total: 6002, empty: 2001 })).toBe(4);
    expect(perOperation({ n: 10_000, total: 410_003, empty: 20_003 })).toBe(39);
  });

  it("rounds to the nearest instruction, halves up, exactly", () => {
    expect(perOperation({ n: 4, total: 10, empty: 0 })).toBe(3); // 2.5
    expect(perOperation({ n: 4, total: 9, empty: 0 })).toBe(2); // 2.25
    expect(perOperation({ n: 4, total: 11, empty: 0 })).toBe(3); // 2.75
    expect(perOperation({ n: 3, total: 3_000_000_000_001, empty: 1 })).toBe(1_000_000_000_000);
  });

  it("refuses a loop cheaper than the empty loop, a wrapped count and an empty count", () => {
    expect(() => perOperation({ n: 10, total: 5, empty: 6 })).toThrow(MeasurementError);
    expect(() => perOperation({ n: 200, total: 2 ** 64 - 4_945_065, empty: 0 })).toThrow(/below zero/);
    expect(() => perOperation({ n: 0, total: 5, empty: 0 })).toThrow(MeasurementError);
  });

  it("reads both line forms and ignores everything else", () => {
    expect(parseReport("bench boot 5005 instructions")).toEqual({ name: "boot", value: 5005, unit: "instructions" });
    expect(parseReport("bench null_hypercall loop 10000 410003 20003 instructions")).toEqual({
      name: "null_hypercall",
      value: 39,
      unit: "instructions",
      loop: { n: 10000, total: 410003, empty: 20003 },
    });
    expect(parseReport("bench device_irq_spurious_wakeups 0 wakeups")?.unit).toBe("wakeups");
    expect(parseReport("benchmarks are fun")).toBeUndefined();
    expect(parseReport("xxxbench boot 1 instructions")).toBeUndefined();
  });
});

// A linker map's shape, as GNU ld 2.40 writes it (trimmed).
const MAP = `Memory Configuration

Linker script and memory map

.text           0x0000000080000000       0x40
 *(.text.entry)
 .text.entry    0x0000000080000000       0x10 out/hv/arch/riscv/m_entry.S.o
 .text.hypercall_dispatch
                0x0000000080000010       0x1a out/hv/core/hypercall.c.o
                0x0000000080000010                hypercall_dispatch
 *fill*         0x000000008000002a        0x2 
 .text          0x000000008000002c       0x14 out/gen/src/partitions.c.o

.rodata         0x0000000080000040       0x30
 .rodata.str1.8
                0x0000000080000040        0x9 out/hv/core/console.c.o
 *fill*         0x0000000080000049        0x7 
 .srodata.p3_irq_routes
                0x0000000080000050       0x10 out/gen/src/partitions.c.o
 .rodata        0x0000000080000060       0x10 /usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv64imac/lp64/libgcc.a(muldi3.o)

.data           0x0000000080000070        0x8
 .data          0x0000000080000070        0x8 out/hv/core/boot.c.o

.bss            0x0000000080000080      0x100
 .bss.hart_areas
                0x0000000080000080       0xf0 out/hv/core/sched.c.o
 COMMON         0x0000000080000170       0x10 out/gen/src/channels.c.o

.p3.image.first
                0x0000000080020000      0x748
 *(.p3.image.first)
 .p3.image.first
                0x0000000080020000      0x748 out/gen/src/images.S.o

.gstage         0x0000000080040000     0xc000
 .gstage        0x0000000080040000     0xc000 out/gen/src/gstage.c.o

.debug_info     0x0000000000000000    0x12711
 .debug_info    0x0000000000000000      0x100 out/hv/core/boot.c.o
`;

describe("footprint from the linker map", () => {
  const fp = footprintFromMap(MAP);

  it("splits the hand-written core from the generated tables, page tables and libgcc", () => {
    expect(fp.core).toEqual({ text: 0x10 + 0x1a + 2, data: 0x9 + 7 + 0x8, bss: 0xf0 });
    expect(fp.generated).toEqual({ text: 0x14, data: 0x10, bss: 0x10 });
    expect(fp.libgcc).toEqual({ text: 0, data: 0x10, bss: 0 });
    expect(fp.pageTables).toBe(0xc000);
    expect(fp.coreObjects).toEqual(["out/hv/arch/riscv/m_entry.S.o", "out/hv/core/boot.c.o", "out/hv/core/console.c.o", "out/hv/core/hypercall.c.o", "out/hv/core/sched.c.o"]);
  });

  it("accounts for every byte of the output sections, padding included", () => {
    for (const kind of ["text", "data", "bss"] as const) {
      expect(fp.core[kind] + fp.generated[kind] + fp.libgcc[kind] + fp.other[kind]).toBe(fp.sections[kind]);
    }
    expect(fp.sections).toEqual({ text: 0x40, data: 0x30 + 0x8, bss: 0x100, pageTables: 0xc000 });
  });

  it("reads sections that run from RAM but are loaded in flash (an XIP board's .data and .bss)", () => {
    const xip = `Linker script and memory map

.text           0x20400000       0x10
 .text.entry    0x20400000       0x10 out/hv/arch/riscv/mk/entry.S.o

.data           0x80000000        0x8 load address 0x20400010
 .data.boot_done
                0x80000000        0x8 out/hv/core/boot.c.o

.bss            0x80000010       0x20 load address 0x20400018
 .bss.input     0x80000010       0x20 out/hv/core/console.c.o
`;
    const x = footprintFromMap(xip);
    expect(x.core).toEqual({ text: 0x10, data: 0x8, bss: 0x20 });
    expect(x.sections).toEqual({ text: 0x10, data: 0x8, bss: 0x20, pageTables: 0 });
  });

  it("reads a compiler's dependency file", () => {
    const d = "out/hv/core/boot.c.o: ../../../firmware/core/boot.c include/p3_config.h \\\n ../../../firmware/core/arch.h\ninclude/p3_config.h:\n";
    expect(dependencies(d)).toEqual(["../../../firmware/core/boot.c", "include/p3_config.h", "../../../firmware/core/arch.h"]);
  });
});

describe("the suite", () => {
  it("finds every benchmark, its variants and its prepare step", () => {
    const benches = discoverBenches(path.join(ROOT, "bench"));
    const names = benches.map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(["boot", "calls", "irq", "messages", "sbi"]));
    expect(names).not.toContain("floor");
    expect(names).not.toContain("common");
    expect(benches.find((b) => b.name === "irq")?.specs.map((s) => s.variant)).toEqual(["", "aplic", "virt-noh"]);
    expect(benches.find((b) => b.name === "sbi")?.prepare).toBe(path.join(ROOT, "bench", "sbi", "prepare.ts"));
  });
});

function figure(name: string, value: number, extra: Partial<Figure> = {}): Figure {
  return { bench: "calls", variant: "", system: "calls", board: "qemu-virt", mode: "hypervisor", harts: 1, machine: "virt", name, value, unit: "instructions", ...extra };
}

function results(figures: Figure[], floor = [{ name: "vs_ecall_roundtrip", value: 5, unit: "instructions", board: "qemu-virt", machine: "virt" }]): Results {
  return { format: 2, configuration: { qemu: "QEMU 7.2", compiler: "gcc 12.2", icount: "shift=0,sleep=off", host: "test" }, floor, figures, systems: [] };
}

describe("comparing two runs", () => {
  it("shows what moved, what is new, what is gone, and raw counts that moved within rounding", () => {
    const before = results([
      figure("null_hypercall", 39, { loop: { n: 10, total: 400, empty: 10 } }),
      figure("now", 54),
      figure("old_figure", 7),
      figure("device_irq_to_wakeup", 403, { bench: "irq", system: "irq", variant: "aplic" }),
    ]);
    const after = results([
      figure("null_hypercall", 39, { loop: { n: 10, total: 401, empty: 10 } }),
      figure("now", 50),
      figure("new_figure", 3),
      figure("device_irq_to_wakeup", 403, { bench: "irq", system: "irq", variant: "aplic" }),
    ]);
    const c = compareResults(before, after);
    expect(c.moved).toEqual([{ key: "calls/now", before: 54, after: 50, unit: "instructions" }]);
    expect(c.countsMoved.map((m) => m.key)).toEqual(["calls/null_hypercall"]);
    expect(c.added.map((a) => a.key)).toEqual(["calls/new_figure"]);
    expect(c.gone.map((g) => g.key)).toEqual(["calls/old_figure"]);
    expect(c.unchanged).toBe(2); // irq.aplic/device_irq_to_wakeup and floor/vs_ecall_roundtrip
  });

  it("says nothing moved between identical runs", () => {
    const r = results([figure("null_hypercall", 39)]);
    const c = compareResults(r, structuredClone(r));
    expect([c.moved, c.added, c.gone, c.countsMoved, c.footprint, c.configuration]).toEqual([[], [], [], [], [], []]);
  });

  it("puts each figure beside the floor of its own mode", () => {
    const floor = [
      { name: "vs_ecall_roundtrip", value: 5, unit: "instructions", board: "qemu-virt", machine: "virt" },
      { name: "u_ecall_roundtrip", value: 5, unit: "instructions", board: "qemu-virt", machine: "virt" },
    ];
    expect(floorFor("null_hypercall", "hypervisor", floor)?.name).toBe("vs_ecall_roundtrip");
    expect(floorFor("null_hypercall", "microkernel", floor)?.name).toBe("u_ecall_roundtrip");
    expect(floorFor("partition_switch", "hypervisor", floor)).toBeUndefined();
  });
});

describe("BENCHMARKS.md's generated sections", () => {
  it("replaces only what is between the markers", () => {
    const doc = "intro\n<!-- bench:figures -->\nold table\n<!-- /bench:figures -->\noutro\n";
    expect(replaceSection(doc, "figures", "new table")).toBe("intro\n<!-- bench:figures -->\nnew table\n<!-- /bench:figures -->\noutro\n");
    expect(() => replaceSection(doc, "floor", "x")).toThrow(/bench:floor/);
  });
});
