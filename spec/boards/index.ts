/**
 * The board catalogue. Each entry is a builder returning a plain
 * {@link BoardProfile}; `boards.qemuVirt({ harts: 2 })` is data, nothing more.
 */
import { cva6Genesys2 } from "./cva6-genesys2.ts";
import { e300Arty } from "./e300-arty.ts";
import { litexVexRiscvArty } from "./litex-vexriscv-arty.ts";
import { neorv32 } from "./neorv32.ts";
import { qemuVirt } from "./qemu-virt.ts";
import { shaktiCArty } from "./shakti-c-arty.ts";

export const boards = {
  qemuVirt,
  e300Arty,
  shaktiCArty,
  cva6Genesys2,
  neorv32,
  litexVexRiscvArty,
};

export type { BoardProfile, DeviceProfile, DeviceKind, Extension, MemoryRange, EmulatorProfile, BoardProblem, PmpProfile } from "./profile.ts";
export type { FlashFlow, SerialFlow, OpenFpgaLoaderFlow, OpenOcdGdbFlow, Cva6UartFlow, Neorv32UartFlow, LitexSerialFlow } from "./flash.ts";
export { isSerialFlow } from "./flash.ts";
export { isBoardProfile, DEVICE_KINDS, FIRMWARE_DRIVERS, deviceEntries, boardDevice } from "./profile.ts";
export type { QemuVirtOptions, QemuVirtDevice } from "./qemu-virt.ts";
export type { E300ArtyDevice } from "./e300-arty.ts";
export type { ShaktiCArtyOptions, ShaktiCArtyDevice } from "./shakti-c-arty.ts";
export type { Cva6Genesys2Device } from "./cva6-genesys2.ts";
export type { Neorv32Options, Neorv32Device } from "./neorv32.ts";
export type { LitexVexRiscvArtyOptions, LitexVexRiscvArtyDevice } from "./litex-vexriscv-arty.ts";
