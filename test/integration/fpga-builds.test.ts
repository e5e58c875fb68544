/**
 * The build-only FPGA boards, NEORV32 and LiteX/VexRiscv on Arty: they have
 * no QEMU model, so what can be checked here is the build. examples/hello's
 * variant for each builds with the real toolchain into an ELF that starts
 * at the board's reset vector, whose loadable bytes all land in the board's
 * memories, and that links the board's own drivers.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readElf, readSymbols } from "../../generator/images/elf.ts";
import { hex } from "../../spec/units.ts";
import type { MemoryRange } from "../../spec/boards/profile.ts";
import { buildSpec } from "../build.ts";
import { ROOT } from "../helpers.ts";

const VARIANTS = [
  { board: "neorv32", drivers: ["platform/clint.c", "platform/neorv32_uart.c", "platform/neorv32_xirq.c", "platform/no_exit_device.c", "platform/single_hart_atomics.c"] },
  { board: "litex-vexriscv-arty", drivers: ["platform/litex_timer.c", "platform/litex_uart.c", "platform/no_exit_device.c", "platform/vexriscv_intc.c"] },
];

const inside = (m: MemoryRange, start: number, end: number) => start >= m.base && end <= m.base + m.size;

describe.each(VARIANTS)("hello on $board", ({ board: name, drivers }) => {
  it("builds an ELF that starts at the reset vector, fits the board's memories and links its drivers", async () => {
    const built = await buildSpec(path.join(ROOT, "examples", "hello", `system.${name}.ts`), `fpga-hello-${name}`);
    const board = built.spec.system.board;
    expect(board.name).toBe(name);
    expect(board.emulator).toBeUndefined();

    const bytes = fs.readFileSync(built.elf);
    const elf = readElf(bytes, built.elf);
    expect(elf.xlen).toBe(board.isa.xlen);
    expect(hex(elf.entry)).toBe(hex(board.resetVector));

    // Every loadable byte (at its load address: code, the kernel's initial
    // data, each app's image) lands in RAM or in the code memory.
    const memories = [board.memory.ram, board.memory.code, board.memory.flash].filter((m): m is MemoryRange => m !== undefined);
    for (const s of elf.segments) {
      const end = s.address + s.bytes.length;
      expect(memories.some((m) => inside(m, s.address, end)), `${hex(s.address)}-${hex(end)} is outside ${board.name}'s memories`).toBe(true);
    }
    // The kernel's data and bss, which take no bytes in the image, fit in RAM too.
    const symbols = readSymbols(bytes, built.elf);
    const bss = [symbols.get("__bss_start")!.address, symbols.get("__bss_end")!.address];
    expect(inside(board.memory.ram, bss[0], bss[1]), `kernel bss ${hex(bss[0])}-${hex(bss[1])}`).toBe(true);

    // The generated Makefile builds the board's drivers, and they provide the hooks.
    const makefile = fs.readFileSync(path.join(built.outDir, "Makefile"), "utf8");
    expect(/^P3_PLATFORM_SOURCES := (.*)$/m.exec(makefile)?.[1].split(" ")).toEqual(drivers);
    for (const hook of ["platform_console_putc", "platform_time_now", "platform_timer_set", "platform_irq_claim", "platform_irq_complete", "platform_exit"]) {
      expect(symbols.has(hook), hook).toBe(true);
    }
  }, 180_000);
});
