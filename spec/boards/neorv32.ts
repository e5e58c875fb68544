/**
 * NEORV32: a configurable RV32 soft-core SoC (any FPGA). Build-only: there is
 * no QEMU model; the image goes on the board through its UART bootloader.
 *
 * Source: stnolting/neorv32 sw/lib/include/neorv32.h and the data sheet of
 * v1.10.9, and sw/bootloader. The IO window at 0xffe00000 with 64 KiB per
 * device came in v1.10.7.9, the CLINT in v1.10.8.1, and the XIRQ was removed
 * in v1.10.9.7: release v1.10.9 is the one with all three. Later releases
 * take external interrupts through GPIO and have no XIRQ to drive.
 *
 *   0x00000000  IMEM: instruction memory, where the bootloader puts the
 *               executable and jumps                 (IMEM_SIZE generic)
 *   0x80000000  DMEM: data memory                     (DMEM_SIZE generic)
 *   0xffe00000  boot ROM: the bootloader, UART0 at 19200 baud 8N1
 *   0xfff30000  XIRQ: external interrupt controller (a fast interrupt line)
 *   0xfff40000  CLINT (msip, mtimecmp +0x4000, mtime +0xbff8)
 *   0xfff50000  UART0
 *   0xfff60000  UART1
 *
 * mtime counts processor clock cycles. The XIRQ raises CPU fast interrupt 8
 * (mcause 24), its `hartInterrupt`; Phase3 numbers XIRQ channel n as line
 * n + 1 (line 0 means "none" to the firmware). The UARTs' own interrupts are
 * fast interrupts 2 to 5, not XIRQ channels, so they have no line here and
 * the console takes no input. The ISA, memory sizes and number of PMP
 * entries are generics of the bitstream: pass the ones you synthesized.
 * No H: this board runs Phase3's microkernel mode.
 */
import { clockOption, type BoardProblem, type BoardProfile } from "./profile.ts";
import { parseSize, type Size } from "../units.ts";

export interface Neorv32Options {
  /** Instruction memory (IMEM_SIZE generic). Default "16K". */
  imem?: Size;
  /** Data memory (DMEM_SIZE generic). Default "8K". */
  dmem?: Size;
  /** Processor clock in Hz (CLOCK_FREQUENCY generic); mtime counts it. Default 100 MHz. */
  clockHz?: number;
  /** PMP entries (PMP_NUM_REGIONS generic), 0 to 16. Default 16. */
  pmpEntries?: number;
}

export type Neorv32Device = "uart0" | "uart1" | "clint" | "xirq";

export type Neorv32Board = BoardProfile<Neorv32Device>;

const IMEM_BASE = 0x0000_0000;
const DMEM_BASE = 0x8000_0000;
/** IMEM and DMEM may each be up to 2 GiB; in practice FPGA block RAM limits them to a few MiB. */
const MAX_MEM = 0x8000_0000;

function memoryOption(name: "imem" | "dmem", value: Size | undefined, fallback: Size, problems: BoardProblem[]): number {
  const parsed = parseSize(value ?? fallback);
  if (!parsed.ok) {
    problems.push({ option: name, message: parsed.message });
    return 0;
  }
  if (parsed.value === 0 || parsed.value > MAX_MEM || (parsed.value & (parsed.value - 1)) !== 0) {
    problems.push({ option: name, message: `${name} must be a power of two from 4 bytes to 2G (NEORV32 decodes it that way), not ${String(value)}` });
  }
  return parsed.value;
}

export function neorv32(options: Neorv32Options = {}): Neorv32Board {
  const problems: BoardProblem[] = [];
  const imem = memoryOption("imem", options.imem, "16K", problems);
  const dmem = memoryOption("dmem", options.dmem, "8K", problems);
  const clockHz = clockOption(options.clockHz, 100_000_000, problems);
  const pmpEntries = options.pmpEntries ?? 16;
  if (!Number.isInteger(pmpEntries) || pmpEntries < 0 || pmpEntries > 16) problems.push({ option: "pmpEntries", message: `pmpEntries must be a whole number from 0 to 16, not ${String(options.pmpEntries)}` });
  return {
    kind: "board",
    name: "neorv32",
    description: "NEORV32 (RV32IMC) soft core: code in IMEM, data in DMEM, UART bootloader",
    source: "stnolting/neorv32 sw/lib/include/neorv32.h and sw/bootloader",
    isa: { xlen: 32, march: "rv32imc_zicsr_zifencei", mabi: "ilp32", extensions: ["m", "c", "u", "zicsr", "zifencei"] },
    harts: 1,
    memory: {
      ram: { base: DMEM_BASE, size: dmem },
      code: { base: IMEM_BASE, size: imem },
    },
    timebaseHz: clockHz,
    devices: {
      xirq: { kind: "neorv32-xirq", base: 0xfff3_0000, size: 0x1_0000, irqs: [], hartInterrupt: 24 },
      clint: { kind: "clint", base: 0xfff4_0000, size: 0x1_0000, irqs: [] },
      uart0: { kind: "neorv32-uart", base: 0xfff5_0000, size: 0x1_0000, irqs: [], clockHz },
      uart1: { kind: "neorv32-uart", base: 0xfff6_0000, size: 0x1_0000, irqs: [], clockHz },
    },
    console: "uart0",
    interruptController: "xirq",
    timer: "clint",
    resetVector: IMEM_BASE,
    pmp: { entries: pmpEntries, granularity: 4 },
    flash: [
      {
        kind: "neorv32-uart",
        name: "uart",
        summary: "uploads the image with the NEORV32 bootloader's u command (signature, size, checksum), then starts it with e",
        baud: 19_200,
        loadAddress: IMEM_BASE,
        port: "/dev/ttyUSB1",
      },
    ],
    options,
    problems,
  };
}
