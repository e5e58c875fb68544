/**
 * Rules about devices: a partition may be granted a board device (its MMIO
 * window, mapped at the same address in its guest-physical space, and its
 * interrupts), but only one partition may own each device, interrupt line
 * and MMIO page, and the firmware keeps the devices it drives itself.
 */
import { PAGE_SIZE, alignUp } from "../layout/index.ts";
import type { BoardProfile } from "../boards/profile.ts";
import type { Rule } from "./rule.ts";
import { deviceGrants, entriesOf, field, shown } from "./values.ts";
import { hex } from "../units.ts";

/** The devices the firmware drives and never grants, with what it uses each for. */
export function firmwareDevices(board: BoardProfile): Map<string, string> {
  const owned = new Map<string, string>();
  owned.set(board.console, "the console UART the firmware prints on");
  owned.set(board.interruptController, "the interrupt controller the firmware routes interrupts with");
  owned.set(board.timer, "the timer the firmware schedules with");
  if (board.exitDevice) owned.set(board.exitDevice, "the device the firmware ends a run with");
  return owned;
}

/** Grants of devices the board has, that the firmware does not keep, one per partition and device. */
function validGrants(system: unknown, board: BoardProfile) {
  const owned = firmwareDevices(board);
  const seen = new Set<string>();
  return deviceGrants(system).filter((g) => {
    const key = `${g.partition}\0${g.device}`;
    const ok = Object.hasOwn(board.devices, g.device) && !owned.has(g.device) && !seen.has(key);
    seen.add(key);
    return ok;
  });
}

/** The 4K-aligned window a device is mapped with. */
export function deviceWindow(board: BoardProfile, device: string): { base: number; end: number } {
  const d = board.devices[device]!; // callers pass devices the board has
  const base = Math.floor(d.base / PAGE_SIZE) * PAGE_SIZE;
  return { base, end: alignUp(d.base + d.size, PAGE_SIZE) };
}

export const deviceRules: Rule[] = [
  {
    id: "device-unknown",
    summary: "Every device a partition is granted exists on the board.",
    *check({ system, board }) {
      if (!board) return;
      const known = Object.keys(board.devices);
      for (const [partition, p] of entriesOf(field(system, "partitions"))) {
        const devices = field(p, "devices");
        if (!Array.isArray(devices)) continue;
        for (const [i, d] of devices.entries()) {
          if (typeof d !== "string") yield { path: ["partitions", partition, "devices", i], message: `devices of "${partition}" must be device names such as "${known.find((k) => !firmwareDevices(board).has(k)) ?? known[0]}", not ${shown(d)}` };
        }
      }
      for (const g of deviceGrants(system)) {
        if (!Object.hasOwn(board.devices, g.device)) {
          yield { path: g.path, message: `${board.name} has no device "${g.device}"; it has ${known.map((d) => `"${d}"`).join(", ")}` };
        }
      }
    },
  },
  {
    id: "device-firmware-owned",
    summary: "No partition is granted a device the firmware drives itself: the console UART, the interrupt controller, the timer or the exit device.",
    *check({ system, board }) {
      if (!board) return;
      const owned = firmwareDevices(board);
      for (const g of deviceGrants(system)) {
        const use = owned.get(g.device);
        if (use) yield { path: g.path, message: `"${g.device}" is ${use}, so it cannot be granted to "${g.partition}"; partitions print with p3_write${g.device === board.console ? " and read with consoleInput" : ""}` };
      }
    },
  },
  {
    id: "device-shared",
    summary: "Each device is granted to one partition, once.",
    *check({ system, board }) {
      if (!board) return;
      const owner = new Map<string, string>();
      for (const g of deviceGrants(system)) {
        if (!Object.hasOwn(board.devices, g.device)) continue;
        const first = owner.get(g.device);
        if (first === undefined) owner.set(g.device, g.partition);
        else if (first === g.partition) yield { path: g.path, message: `partition "${g.partition}" lists device "${g.device}" twice; list it once` };
        else yield { path: g.path, message: `device "${g.device}" is granted to "${first}" already; a device has one owner, so remove it from "${g.partition}" or "${first}"` };
      }
    },
  },
  {
    id: "irq-shared",
    summary: "No interrupt line reaches two partitions through two devices that share it.",
    *check({ system, board }) {
      if (!board) return;
      const owner = new Map<number, { partition: string; device: string }>();
      for (const g of validGrants(system, board)) {
        for (const irq of board.devices[g.device]?.irqs ?? []) {
          const first = owner.get(irq);
          if (!first) owner.set(irq, g);
          else if (first.partition !== g.partition && first.device !== g.device) {
            yield { path: g.path, message: `interrupt ${irq} of "${g.device}" also belongs to "${first.device}", granted to "${first.partition}"; grant both devices to one partition` };
          }
        }
      }
    },
  },
  {
    id: "device-page-shared",
    summary: "Devices granted to different partitions do not share a 4K page (a partition would reach the other's registers).",
    *check({ system, board }) {
      if (!board) return;
      const placed: { partition: string; device: string; base: number; end: number }[] = [];
      for (const g of validGrants(system, board)) {
        const w = deviceWindow(board, g.device);
        const other = placed.find((p) => p.partition !== g.partition && p.device !== g.device && p.base < w.end && w.base < p.end);
        if (other) {
          yield {
            path: g.path,
            message: `"${g.device}" shares the page ${hex(Math.max(w.base, other.base))} with "${other.device}", granted to "${other.partition}"; grant both to one partition`,
          };
        }
        placed.push({ ...g, ...w });
      }
    },
  },
];
