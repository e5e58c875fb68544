/**
 * LiteX SoC with a VexRiscv "secure" core (RV32IMA, user mode, PMP) on the
 * Digilent Arty A7, as litex-boards' digilent_arty target builds it.
 * Build-only: there is no QEMU model; the LiteX BIOS loads the image over
 * its serial boot (litex_term's SFL protocol).
 *
 * Source: LiteX's VexRiscv memory map (litex/soc/cores/cpu/vexriscv/core.py)
 * and SoC CSR layout (litex/soc/integration/soc.py), VexRiscv's GenSecure
 * configuration (PmpPlugin, 16 regions):
 *
 *   0x00000000  ROM: the LiteX BIOS                                    128K
 *   0x10000000  SRAM                                                     8K
 *   0x40000000  main RAM: the Arty's DDR3, where serial boot loads     256M
 *   0xf0000000  CSR bus: one 2 KiB block per peripheral, in the order
 *               the SoC added them (ctrl first)
 *
 * LiteX places each peripheral's CSR block per build: the defaults below
 * (timer0 at +0x800, uart at +0x1000) are a SoC with only ctrl, timer0 and
 * uart. Read CSR_UART_BASE and CSR_TIMER0_BASE from your build's csr.h or
 * csr.json and pass them; likewise its uart_interrupt and timer0_interrupt
 * (0 and 1 when the SoC adds the UART first, as SoCCore does). The CSR bus
 * is LiteX's default 32-bit data width: one register per 32-bit word.
 *
 * Interrupts go through VexRiscv's own controller: custom CSRs 0xBC0 (mask)
 * and 0xFC0 (pending), no memory-mapped window, raising the machine external
 * interrupt. Phase3 numbers LiteX interrupt n as line n + 1 (line 0 means
 * "none" to the firmware). There is no mtime: timer0, a 32-bit down-counter,
 * is both the time base and the timer (firmware/platform/litex_timer.c).
 *
 * PMP: the secure variant is generated with --pmpRegions 16
 * --pmpGranularity 256 (pythondata-cpu-vexriscv's Makefile). VexRiscv's
 * PmpPlugin matches NAPOT entries only and grants an access that any
 * matching entry allows; a TOR entry never matches there.
 * No H: this board runs Phase3's microkernel mode.
 */
import { clockOption, type BoardProblem, type BoardProfile } from "./profile.ts";

export interface LitexVexRiscvArtyOptions {
  /** CSR_UART_BASE of your build. Default 0xf0001000. */
  uartBase?: number;
  /** CSR_TIMER0_BASE of your build. Default 0xf0000800. */
  timer0Base?: number;
  /** System clock in Hz (CONFIG_CLOCK_FREQUENCY); timer0 counts it. Default 100 MHz. */
  clockHz?: number;
  /** uart_interrupt of your build (csr.json constants), 0 to 31. Default 0. */
  uartInterrupt?: number;
  /** timer0_interrupt of your build (csr.json constants), 0 to 31. Default 1. */
  timer0Interrupt?: number;
}

export type LitexVexRiscvArtyDevice = "uart0" | "timer0" | "intc";

export type LitexVexRiscvArtyBoard = BoardProfile<LitexVexRiscvArtyDevice>;

const MAIN_RAM = 0x4000_0000;
const CSR_BASE = 0xf000_0000;
/** One CSR block per peripheral: 0x800 bytes with LiteX's default 32-bit CSR paging. */
const CSR_BLOCK = 0x800;

function csrOption(name: keyof LitexVexRiscvArtyOptions, value: number | undefined, fallback: number, problems: BoardProblem[]): number {
  const base = value ?? fallback;
  if (!Number.isInteger(base) || base < CSR_BASE || base % CSR_BLOCK !== 0) {
    problems.push({ option: name, message: `${name} must be a CSR block address: 0xf0000000 or above, a multiple of 0x800 (see your build's csr.json), not ${String(value)}` });
  }
  return base;
}

/** LiteX interrupt `n` (0 to 31, VexRiscv's 32-bit array) as a Phase3 line: n + 1, since line 0 means "none" to the firmware. */
function interruptOption(name: "uartInterrupt" | "timer0Interrupt", value: number | undefined, fallback: number, problems: BoardProblem[]): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > 31) {
    problems.push({ option: name, message: `${name} must be a LiteX interrupt number from 0 to 31 (see your build's csr.json), not ${String(value)}` });
  }
  return n + 1;
}

export function litexVexRiscvArty(options: LitexVexRiscvArtyOptions = {}): LitexVexRiscvArtyBoard {
  const problems: BoardProblem[] = [];
  const uartBase = csrOption("uartBase", options.uartBase, CSR_BASE + 0x1000, problems);
  const timer0Base = csrOption("timer0Base", options.timer0Base, CSR_BASE + 0x800, problems);
  const clockHz = clockOption(options.clockHz, 100_000_000, problems);
  const uartLine = interruptOption("uartInterrupt", options.uartInterrupt, 0, problems);
  const timer0Line = interruptOption("timer0Interrupt", options.timer0Interrupt, 1, problems);
  if (uartLine === timer0Line) problems.push({ option: "timer0Interrupt", message: `timer0Interrupt and uartInterrupt are both ${uartLine - 1}; LiteX gives each peripheral its own interrupt` });
  return {
    kind: "board",
    name: "litex-vexriscv-arty",
    description: "LiteX SoC, VexRiscv secure (RV32IMA + PMP) on Arty A7, 256 MiB DDR3, BIOS serial boot",
    source: "LiteX litex/soc/cores/cpu/vexriscv/core.py memory map and soc.py CSR layout; VexRiscv GenSecure",
    isa: { xlen: 32, march: "rv32ima_zicsr_zifencei", mabi: "ilp32", extensions: ["m", "a", "u", "zicsr", "zifencei"] },
    harts: 1,
    memory: { ram: { base: MAIN_RAM, size: 256 * 1024 * 1024 } },
    timebaseHz: clockHz,
    devices: {
      intc: { kind: "vexriscv-intc", base: 0, size: 0, irqs: [] },
      timer0: { kind: "litex-timer", base: timer0Base, size: CSR_BLOCK, irqs: [timer0Line], clockHz },
      uart0: { kind: "litex-uart", base: uartBase, size: CSR_BLOCK, irqs: [uartLine], clockHz },
    },
    console: "uart0",
    interruptController: "intc",
    timer: "timer0",
    resetVector: MAIN_RAM,
    pmp: { entries: 16, granularity: 256, napotOnly: true },
    flash: [
      {
        kind: "litex-serial",
        name: "serial",
        summary: "loads the image into main RAM through the LiteX BIOS serial boot (SFL frames with CRC16), then jumps to it",
        baud: 115_200,
        loadAddress: MAIN_RAM,
        port: "/dev/ttyUSB1",
      },
    ],
    options,
    problems,
  };
}
