/**
 * CVA6 (cv64a6_imafdch_sv39: RV64GC with the hypervisor extension) on the
 * Digilent Genesys 2, as built by the OpenHW CVA6 APU FPGA flow.
 *
 * Source: openhwgroup/cva6 corev_apu/fpga/src/bootrom/cv64a6.dts (the device
 * tree its boot ROM hands on), core/include/cv64a6_imafdch_sv39_config_pkg.sv
 * (H, 8 PMP entries) and corev_apu/fpga/src/bootrom/src/main.c (boot):
 *
 *   0x00010000  boot ROM: UART update mode, else SD card; jumps to 0x80000000
 *   0x02000000  CLINT (msip, mtimecmp +0x4000, mtime +0xbff8)        768K
 *   0x0c000000  PLIC, 30 sources, max priority 7                       64M
 *   0x10000000  UART: 16550 with registers 4 bytes apart (reg-shift 2,
 *               32-bit accesses only), 50 MHz clock        PLIC irq 1   4K
 *   0x80000000  DDR3, 1 GiB
 *
 * mtime counts at 25 MHz (timebase-frequency in cv64a6.dts). No Sstc: timer
 * interrupts for guests go through mtimecmp. With H, this board runs
 * Phase3's hypervisor mode. There is no QEMU model of this SoC.
 */
import type { BoardProfile } from "./profile.ts";

export type Cva6Genesys2Device = "uart0" | "clint" | "plic";

export type Cva6Genesys2Board = BoardProfile<Cva6Genesys2Device>;

const DRAM_BASE = 0x8000_0000;

export function cva6Genesys2(): Cva6Genesys2Board {
  return {
    kind: "board",
    name: "cva6-genesys2",
    description: "CVA6 cv64a6_imafdch_sv39 (RV64GC + H) on Genesys 2, 1 GiB DDR3",
    source: "openhwgroup/cva6 corev_apu/fpga/src/bootrom/cv64a6.dts and core/include/cv64a6_imafdch_sv39_config_pkg.sv",
    isa: { xlen: 64, march: "rv64imac_zicsr_zifencei", mabi: "lp64", extensions: ["m", "a", "c", "f", "d", "h", "s", "u", "zicsr", "zifencei"] },
    harts: 1,
    memory: { ram: { base: DRAM_BASE, size: 0x4000_0000 } },
    timebaseHz: 25_000_000,
    devices: {
      clint: { kind: "clint", base: 0x0200_0000, size: 0xc_0000, irqs: [] },
      plic: { kind: "plic", base: 0x0c00_0000, size: 0x400_0000, irqs: [], contexts: { perHart: 2, machine: 0, supervisor: 1 } },
      uart0: { kind: "ns16550", base: 0x1000_0000, size: 0x1000, irqs: [1], regShift: 2, clockHz: 50_000_000 },
    },
    console: "uart0",
    interruptController: "plic",
    timer: "clint",
    resetVector: DRAM_BASE,
    pmp: { entries: 8, granularity: 4 },
    flash: [
      {
        kind: "cva6-uart",
        name: "uart",
        summary: "sends the image to the CVA6 boot ROM's UART update mode, which stores it at 0x80000000 and jumps there",
        baud: 115_200,
        loadAddress: DRAM_BASE,
        port: "/dev/ttyUSB0",
      },
      {
        kind: "openocd-gdb",
        name: "jtag",
        summary: "loads the ELF into DDR through CVA6's debug module with openocd and gdb, over the board's FTDI JTAG channel",
        openocd: [
          "adapter driver ftdi",
          "ftdi vid_pid 0x0403 0x6010",
          // Channel 1 of the FT2232 configures the FPGA; channel 0 reaches CVA6's debug module.
          "ftdi channel 0",
          "ftdi layout_init 0x0018 0x001b",
          "ftdi layout_signal nTRST -ndata 0x0010",
          "adapter speed 1000",
          "transport select jtag",
          "jtag newtap riscv cpu -irlen 5",
          "target create riscv.cpu riscv -chain-position riscv.cpu",
          "init",
          "halt",
        ],
        gdbPort: 3333,
      },
    ],
  };
}
