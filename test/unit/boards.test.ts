/**
 * The board catalogue: each profile's published addresses and ISA, a
 * snapshot of the whole profile (a change to a board is a reviewed change),
 * and what the validator says of a system on it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline/index.ts";
import { boards, isBoardProfile, type BoardProfile } from "../../spec/boards/index.ts";
import { driverSource, FIRMWARE_DRIVERS } from "../../spec/boards/profile.ts";
import { FIXTURES, ROOT } from "../helpers.ts";

const all: [string, BoardProfile][] = [
  ["qemuVirt", boards.qemuVirt()],
  ["e300Arty", boards.e300Arty()],
  ["shaktiCArty", boards.shaktiCArty()],
  ["cva6Genesys2", boards.cva6Genesys2()],
  ["neorv32", boards.neorv32()],
  ["litexVexRiscvArty", boards.litexVexRiscvArty()],
];

const hex = (n: number) => `0x${n.toString(16)}`;
/** Addresses and sizes read best in hex, as the memory maps print them. */
const ADDRESS_KEYS = new Set(["base", "size", "address", "offset", "loadAddress", "resetVector"]);

describe("board profiles", () => {
  it("every builder in the catalogue is tested here", () => {
    expect(Object.keys(boards).sort()).toEqual(all.map(([name]) => name).sort());
  });

  it.each(all)("%s is a consistent profile", (_, board) => {
    expect(isBoardProfile(board)).toBe(true);
    expect(board.problems ?? []).toEqual([]);
    expect(board.source.length).toBeGreaterThan(10);
    for (const role of [board.console, board.interruptController, board.timer]) expect(board.devices).toHaveProperty(role);
    expect(board.isa.march.startsWith(`rv${board.isa.xlen}`)).toBe(true);
    expect(board.isa.mabi).toBe(board.isa.xlen === 64 ? "lp64" : "ilp32");
    // The firmware is linked where the reset path jumps: in RAM or in the code memory.
    const inside = (r?: { base: number; size: number }) => !!r && board.resetVector >= r.base && board.resetVector < r.base + r.size;
    expect(inside(board.memory.ram) || inside(board.memory.code)).toBe(true);
    const names = (board.flash ?? []).map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(all)("%s matches its reviewed snapshot", (name, board) => {
    expect(JSON.parse(JSON.stringify(board, (key, v) => (typeof v === "number" && ADDRESS_KEYS.has(key) ? hex(v) : v)))).toMatchSnapshot(name);
  });

  it("e300Arty: RV32IMAC, 16 KiB DTIM, code executes from SPI flash past the bitstream", () => {
    const b = boards.e300Arty();
    expect(b.isa.xlen).toBe(32);
    expect(b.isa.extensions).not.toContain("h");
    expect(b.memory.ram).toEqual({ base: 0x8000_0000, size: 16 * 1024 });
    expect(b.memory.flash?.base).toBe(0x2000_0000);
    expect(b.resetVector).toBe(0x2040_0000);
    expect(b.devices.uart0).toMatchObject({ kind: "sifive-uart", base: 0x1001_3000, irqs: [3] });
    expect(b.devices.clint?.base).toBe(0x0200_0000);
    expect(b.pmp).toEqual({ entries: 8, granularity: 4 });
    expect(b.emulator).toEqual({ system: "riscv32", machine: "sifive_e", load: "kernel" });
    expect(b.flash?.[0]).toMatchObject({ kind: "openfpgaloader", board: "arty", offset: 0x40_0000, address: 0x2040_0000 });
  });

  it("shaktiCArty: RV64, UART at 0x11300, DDR at 0x80000000, QEMU shakti_c", () => {
    const b = boards.shaktiCArty();
    expect(b.isa.xlen).toBe(64);
    expect(b.isa.extensions).not.toContain("h");
    expect(b.devices.uart0).toMatchObject({ kind: "shakti-uart", base: 0x1_1300 });
    expect(b.devices.plic?.base).toBe(0x0c00_0000);
    expect(b.memory.ram).toEqual({ base: 0x8000_0000, size: 256 * 1024 * 1024 });
    expect(b.emulator?.machine).toBe("shakti_c");
    expect(boards.shaktiCArty({ ram: "1G" }).problems).toEqual([{ option: "ram", message: "ram must be more than 0 and at most 256M (the Arty A7-100T's DDR3), not 1G" }]);
  });

  it("cva6Genesys2: H, NS16550 with 32-bit register spacing, 1 GiB DRAM, no Sstc, no QEMU model", () => {
    const b = boards.cva6Genesys2();
    expect(b.isa.extensions).toContain("h");
    expect(b.isa.extensions).not.toContain("sstc");
    expect(b.devices.uart0).toMatchObject({ kind: "ns16550", base: 0x1000_0000, regShift: 2, clockHz: 50_000_000, irqs: [1] });
    expect(b.devices.plic?.base).toBe(0x0c00_0000);
    expect(b.devices.clint?.base).toBe(0x0200_0000);
    expect(b.memory.ram).toEqual({ base: 0x8000_0000, size: 0x4000_0000 });
    expect(b.emulator).toBeUndefined();
    expect(b.flash?.map((f) => `${f.name}:${f.kind}`)).toEqual(["uart:cva6-uart", "jtag:openocd-gdb"]);
  });

  it("neorv32: build-only, IMEM at 0, DMEM at 0x80000000, sizes and PMP from the generics", () => {
    const b = boards.neorv32({ imem: "32K", dmem: "16K", pmpEntries: 4 });
    expect(b.emulator).toBeUndefined();
    expect(b.memory.code).toEqual({ base: 0, size: 32 * 1024 });
    expect(b.memory.ram).toEqual({ base: 0x8000_0000, size: 16 * 1024 });
    expect(b.devices.uart0?.base).toBe(0xfff5_0000);
    // The XIRQ raises fast interrupt 8: mcause 24. The UARTs' interrupts are not XIRQ channels.
    expect(b.devices.xirq).toMatchObject({ kind: "neorv32-xirq", base: 0xfff3_0000, hartInterrupt: 24 });
    expect(b.devices.uart0?.irqs).toEqual([]);
    expect(b.pmp?.entries).toBe(4);
    expect(boards.neorv32({ imem: "24K" }).problems).toEqual([{ option: "imem", message: "imem must be a power of two from 4 bytes to 2G (NEORV32 decodes it that way), not 24K" }]);
  });

  it("litexVexRiscvArty: build-only, main RAM at 0x40000000, CSR addresses from the build", () => {
    const b = boards.litexVexRiscvArty({ uartBase: 0xf000_2000, timer0Base: 0xf000_2800 });
    expect(b.emulator).toBeUndefined();
    expect(b.memory.ram.base).toBe(0x4000_0000);
    expect(b.devices.uart0).toMatchObject({ kind: "litex-uart", base: 0xf000_2000 });
    expect(b.devices.timer0?.base).toBe(0xf000_2800);
    expect(boards.litexVexRiscvArty({ uartBase: 0x1234 }).problems?.[0].option).toBe("uartBase");
  });

  it("litexVexRiscvArty: LiteX interrupt n is line n + 1 (0 means none to the firmware), NAPOT-only PMP with 256-byte granularity", () => {
    const b = boards.litexVexRiscvArty();
    expect(b.devices.uart0?.irqs).toEqual([1]);
    expect(b.devices.timer0?.irqs).toEqual([2]);
    expect(boards.litexVexRiscvArty({ uartInterrupt: 3, timer0Interrupt: 0 }).devices.uart0?.irqs).toEqual([4]);
    expect(boards.litexVexRiscvArty({ uartInterrupt: 32 }).problems?.map((p) => p.option)).toEqual(["uartInterrupt"]);
    expect(boards.litexVexRiscvArty({ uartInterrupt: 1 }).problems?.map((p) => p.option)).toEqual(["timer0Interrupt"]);
    expect(b.pmp).toEqual({ entries: 16, granularity: 256, napotOnly: true });
  });
});

describe("systems on the new boards", () => {
  it.each(["e300Arty", "shaktiCArty"])("a system on %s is valid: microkernel mode, with drivers for its devices", async (name) => {
    const result = await checkSpec(path.join(FIXTURES, "boards", `${name}.ts`));
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
    if (result.ok) expect(result.plan.mode).toBe("microkernel");
  });

  it.each(["neorv32", "litexVexRiscvArty"])("a system on %s is valid: microkernel mode, with drivers for its devices (build-only)", async (name) => {
    const result = await checkSpec(path.join(FIXTURES, "boards", `${name}.ts`));
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
    if (result.ok) expect(result.plan.mode).toBe("microkernel");
  });

  it("every console, interrupt controller and timer in the catalogue has a driver in firmware/platform", () => {
    for (const [, board] of all) {
      for (const role of ["console", "interruptController", "timer"] as const) {
        const kind = board.devices[board[role]]!.kind;
        expect(FIRMWARE_DRIVERS[role], `${board.name}'s ${role}`).toContain(kind);
        expect(fs.existsSync(path.join(ROOT, "firmware", driverSource(kind))), driverSource(kind)).toBe(true);
      }
    }
  });
});
