/**
 * How an image gets onto a board, as plain data: which tool or boot protocol,
 * and the board facts it needs (flash offset, JTAG adapter, baud rate, load
 * address). `phase3 flash` turns a flow into commands or serial bytes
 * (generator/cli/flash); nothing here runs anything.
 *
 * Every flow has a `name`, unique within its board, that `--board
 * <board>:<name>` selects, and a one-line `summary` for people.
 */

interface FlowBase {
  /** Selects the flow: `--board e300-arty:jtag`. */
  name: string;
  /** One line for people: what the flow does to the board. */
  summary: string;
}

/** openFPGALoader writes a raw image into the FPGA board's SPI flash. */
export interface OpenFpgaLoaderFlow extends FlowBase {
  kind: "openfpgaloader";
  /** openFPGALoader's name for the board (`openFPGALoader --list-boards`). */
  board: string;
  /** Byte offset in the SPI flash where the image goes (past the bitstream). */
  offset: number;
  /** The address the flash offset appears at in the SoC's memory map: the image must start here. */
  address: number;
}

/** openocd drives the JTAG adapter; gdb connects to it and `load`s the ELF. */
export interface OpenOcdGdbFlow extends FlowBase {
  kind: "openocd-gdb";
  /**
   * openocd configuration commands, each passed with `-c` in this order:
   * adapter, transport, TAP, target and flash bank, ending in `init`.
   */
  openocd: readonly string[];
  /** TCP port openocd serves gdb on. */
  gdbPort: number;
}

/** What every serial boot flow has: the line settings and the usual device. */
interface SerialFlowBase extends FlowBase {
  /** Baud rate the boot ROM or bootloader talks at (8 data bits, no parity, 1 stop bit). */
  baud: number;
  /** The device the board's USB UART usually gets on Linux; `--port` overrides it. */
  port: string;
}

/**
 * The CVA6 APU boot ROM's UART upload (corev_apu/fpga/src/bootrom): after
 * reset it offers "Hit any key to enter update mode" for 5 seconds, then reads
 * a 32-bit little-endian size and that many bytes into DRAM, and jumps there.
 */
export interface Cva6UartFlow extends SerialFlowBase {
  kind: "cva6-uart";
  /** Where the boot ROM stores the image and jumps: the start of DRAM. */
  loadAddress: number;
}

/**
 * The NEORV32 bootloader's `u` (upload) command: an executable with a
 * signature, size and checksum header, copied into instruction memory, then
 * `e` (execute).
 */
export interface Neorv32UartFlow extends SerialFlowBase {
  kind: "neorv32-uart";
  /** Where the bootloader copies the executable and jumps: the start of IMEM. */
  loadAddress: number;
}

/**
 * LiteX BIOS serial boot (the SFL protocol of litex_term): the BIOS asks with
 * a magic string, the host answers, then sends LOAD frames with CRC16 that
 * the BIOS acknowledges one by one, and a JUMP frame.
 */
export interface LitexSerialFlow extends SerialFlowBase {
  kind: "litex-serial";
  /** Where a raw binary (which carries no address) is loaded: main RAM. */
  loadAddress: number;
}

export type FlashFlow = OpenFpgaLoaderFlow | OpenOcdGdbFlow | Cva6UartFlow | Neorv32UartFlow | LitexSerialFlow;

/** Flows that talk to a boot ROM or bootloader over a serial port. */
export type SerialFlow = Cva6UartFlow | Neorv32UartFlow | LitexSerialFlow;

export function isSerialFlow(flow: FlashFlow): flow is SerialFlow {
  return flow.kind === "cva6-uart" || flow.kind === "neorv32-uart" || flow.kind === "litex-serial";
}
