/**
 * The board catalogue. Each entry is a builder returning a plain
 * {@link BoardProfile}; `boards.qemuVirt({ harts: 2 })` is data, nothing more.
 */
import { qemuVirt } from "./qemu-virt.ts";

export const boards = {
  qemuVirt,
};

export type { BoardProfile, DeviceProfile, DeviceKind, Extension, MemoryRange, EmulatorProfile, BoardProblem } from "./profile.ts";
export { isBoardProfile, DEVICE_KINDS, FIRMWARE_DRIVERS } from "./profile.ts";
export type { QemuVirtOptions, QemuVirtDevice } from "./qemu-virt.ts";
