/**
 * SiFive Freedom E300 platform (E31 core) on the Digilent Arty A7-35T,
 * modelled by QEMU's `sifive_e` machine.
 *
 * Source: QEMU 7.2 hw/riscv/sifive_e.c (sifive_e_memmap), read back from the
 * running model with `info mtree`, and SiFive's Freedom E300 Arty FPGA Dev Kit
 * guide and E310-G000 manual for the flash layout, PLIC sources and PMP:
 *
 *   0x00001000  mask ROM: `lui t0,0x20400; jr t0`, so every reset runs 0x20400000
 *   0x02000000  CLINT (msip, mtimecmp +0x4000, mtime +0xbff8)          64K
 *   0x0c000000  PLIC                                                   64M
 *   0x10013000  UART0 (SiFive UART)                         PLIC irq 3   4K
 *   0x10014000  QSPI0: the controller of the SPI flash below           4K
 *   0x10023000  UART1                                       PLIC irq 4   4K
 *   0x20000000  SPI flash, execute in place (16 MiB on the Arty): the FPGA
 *               bitstream fills the first 4 MiB, the program starts at
 *               offset 0x400000 = address 0x20400000
 *   0x80000000  DTIM: the only RAM, 16 KiB
 *
 * RV32IMAC with machine and user modes (no S, no H), 8 PMP entries of 4-byte
 * granularity; mtime counts the 32.768 kHz real-time clock. Without H this
 * board runs Phase3's microkernel mode.
 */
import type { BoardProfile } from "./profile.ts";

export type E300ArtyDevice = "uart0" | "uart1" | "clint" | "plic";

export type E300ArtyBoard = BoardProfile<E300ArtyDevice>;

const MiB = 1024 * 1024;
const FLASH_BASE = 0x2000_0000;
/** The Arty bitstream clocks the core and its peripheral bus at 65 MHz (the dev kit guide). */
const TLCLK_HZ = 65_000_000;
/** The bitstream owns the first 4 MiB of the SPI flash; the program follows. */
const PROGRAM_OFFSET = 0x40_0000;

export function e300Arty(): E300ArtyBoard {
  return {
    kind: "board",
    name: "e300-arty",
    description: "SiFive Freedom E300 (E31, RV32IMAC) on Arty A7-35T: code in SPI flash, 16 KiB DTIM",
    source: "QEMU 7.2 hw/riscv/sifive_e.c sifive_e_memmap (and `info mtree`); SiFive Freedom E300 Arty FPGA Dev Kit guide",
    isa: { xlen: 32, march: "rv32imac_zicsr_zifencei", mabi: "ilp32", extensions: ["m", "a", "c", "u", "zicsr", "zifencei"] },
    harts: 1,
    memory: {
      ram: { base: 0x8000_0000, size: 16 * 1024 },
      flash: { base: FLASH_BASE, size: 16 * MiB },
      code: { base: FLASH_BASE + PROGRAM_OFFSET, size: 16 * MiB - PROGRAM_OFFSET },
    },
    timebaseHz: 32_768,
    devices: {
      clint: { kind: "clint", base: 0x0200_0000, size: 0x1_0000, irqs: [] },
      plic: { kind: "plic", base: 0x0c00_0000, size: 0x400_0000, irqs: [], contexts: { perHart: 1, machine: 0 } },
      uart0: { kind: "sifive-uart", base: 0x1001_3000, size: 0x1000, irqs: [3], clockHz: TLCLK_HZ },
      uart1: { kind: "sifive-uart", base: 0x1002_3000, size: 0x1000, irqs: [4], clockHz: TLCLK_HZ },
    },
    console: "uart0",
    interruptController: "plic",
    timer: "clint",
    resetVector: FLASH_BASE + PROGRAM_OFFSET,
    emulator: { system: "riscv32", machine: "sifive_e", load: "kernel" },
    pmp: { entries: 8, granularity: 4 },
    flash: [
      {
        kind: "openfpgaloader",
        name: "spi-flash",
        summary: "writes the image into the Arty's SPI flash at 0x400000, past the bitstream, over the board's USB JTAG",
        board: "arty",
        offset: PROGRAM_OFFSET,
        address: FLASH_BASE + PROGRAM_OFFSET,
      },
      {
        kind: "openocd-gdb",
        name: "jtag",
        summary: "loads the ELF through the core's debug module with openocd and gdb, via an Olimex ARM-USB-TINY-H on PMOD JD",
        openocd: [
          "source [find interface/ftdi/olimex-arm-usb-tiny-h.cfg]",
          "adapter speed 1000",
          "transport select jtag",
          "jtag newtap riscv cpu -irlen 5",
          "target create riscv.cpu riscv -chain-position riscv.cpu",
          // The 16 KiB DTIM holds openocd's flash-programming helper.
          "riscv.cpu configure -work-area-phys 0x80000000 -work-area-size 0x4000 -work-area-backup 1",
          // The SPI flash at 0x20000000, driven by QSPI0 at 0x10014000.
          "flash bank spi0 fespi 0x20000000 0 0 0 riscv.cpu 0x10014000",
          "init",
          "halt",
          "flash protect 0 64 last off",
        ],
        gdbPort: 3333,
      },
    ],
  };
}
