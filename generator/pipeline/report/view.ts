/**
 * What a person wants to know about a validated system, gathered once from
 * the spec and its memory plan: the report and the graph both draw this.
 * It does not read the firmware model, so it does not change when the
 * firmware's tables do.
 */
import { deviceEntries } from "../../../spec/boards/profile.ts";
import { firmwareDevices } from "../../../spec/validate/devices.ts";
import { GUEST_RAM_BASE, type MemoryPlan, type Permissions } from "../../../spec/layout/index.ts";
import { executionMode, hartsOf, type System } from "../../../spec/system.ts";
import { formatSize, formatTime, parseSize, parseTime } from "../../../spec/units.ts";

export interface PartitionView {
  name: string;
  /** Position in the spec: the partition's id. */
  id: number;
  harts: number[];
  memory: number;
  stack: number;
  host: number;
  /** "app ping.c" or "guest image u-boot.bin" */
  runs: string;
  onFault: string;
  watchdog?: string;
  priority?: number;
  budget?: string;
  consoleInput: boolean;
  devices: string[];
}

export interface ChannelView {
  name: string;
  from: string;
  to: string;
  msgSize: number;
  depth: number;
  /** Bytes of the buffer, page-rounded as placed. */
  size: number;
  host: number;
  guest: number;
  notify: boolean;
}

export interface RegionView {
  name: string;
  size: number;
  host: number;
  guest: number;
  users: { partition: string; access: Permissions }[];
}

export interface DeviceView {
  name: string;
  kind: string;
  base: number;
  size: number;
  irqs: readonly number[];
  /** A partition's name, "firmware (console)" and the like, or undefined when nobody uses it. */
  owner?: string;
  ownerIsPartition: boolean;
}

export type ScheduleView =
  | { kind: "round-robin"; slice: string; partitions: string[] }
  | { kind: "windows"; majorFrame: string; windows: { partition: string; start: string; length: string }[]; idle: string }
  | { kind: "priority"; partitions: { name: string; priority: number; budget?: string }[] };

export interface HartView {
  id: number;
  partitions: string[];
  schedule: ScheduleView;
}

export interface SystemView {
  name: string;
  board: { name: string; description: string; ram: { base: number; size: number } };
  mode: string;
  partitions: PartitionView[];
  channels: ChannelView[];
  regions: RegionView[];
  devices: DeviceView[];
  harts: HartView[];
}

const DEFAULT_SLICE = "1ms";
const bytes = (value: unknown) => {
  const p = parseSize(value);
  return p.ok ? p.value : 0;
};
const time = (value: unknown) => {
  const p = parseTime(value);
  return p.ok ? formatTime(p.value) : String(value);
};

function faultText(policy: unknown): string {
  if (policy === undefined) return "stop";
  if (typeof policy === "string") return policy === "restart" ? "restart (3 times)" : policy;
  const n = (policy as { restart?: number }).restart;
  return `restart (${n} time${n === 1 ? "" : "s"})`;
}

export function systemView(system: System, plan: MemoryPlan): SystemView {
  const board = system.board;
  const placements = new Map(plan.partitions.map((p) => [p.name, p]));
  const partitions: PartitionView[] = Object.entries(system.partitions).map(([name, p], id) => {
    const placed = placements.get(name);
    const apps = p.app === undefined ? [] : typeof p.app === "string" ? [p.app] : [...p.app];
    return {
      name,
      id,
      harts: hartsOf(p),
      memory: placed?.size ?? bytes(p.memory),
      stack: placed?.stackSize ?? 0,
      host: placed?.host ?? 0,
      runs: p.image ? `guest image ${p.image.file}` : `app ${apps.join(", ")}`,
      onFault: faultText(p.onFault),
      watchdog: p.watchdog === undefined ? undefined : time(p.watchdog),
      priority: p.priority,
      budget: p.budget === undefined ? undefined : `${time(p.budget)} per ${time(p.period)}`,
      consoleInput: p.consoleInput === true,
      devices: [...(p.devices ?? [])],
    };
  });

  const sharedOf = (kind: "region" | "channel", name: string) => plan.shared.find((s) => s.kind === kind && s.name === name);
  const channels: ChannelView[] = Object.entries(system.channels ?? {}).map(([name, c]) => {
    const placed = sharedOf("channel", name);
    return { name, from: c.from, to: c.to, msgSize: bytes(c.msgSize), depth: c.depth, size: placed?.size ?? 0, host: placed?.host ?? 0, guest: placed?.guest ?? 0, notify: c.notify !== false };
  });
  const regions: RegionView[] = Object.entries(system.shared ?? {}).map(([name, r]) => {
    const placed = sharedOf("region", name);
    const users = Object.entries(r.access as Record<string, Permissions>).map(([partition, access]) => ({ partition, access }));
    return { name, size: placed?.size ?? bytes(r.size), host: placed?.host ?? 0, guest: placed?.guest ?? 0, users };
  });

  const firmware = firmwareDevices(board);
  const owners = new Map<string, string>();
  for (const p of partitions) for (const d of p.devices) owners.set(d, p.name);
  const roles: Record<string, string> = { [board.console]: "console", [board.interruptController]: "interrupts", [board.timer]: "timer" };
  if (board.exitDevice) roles[board.exitDevice] = "exit";
  const devices: DeviceView[] = deviceEntries(board)
    .map(([name, d]) => {
      const partition = owners.get(name);
      const owner = partition ?? (firmware.has(name) ? `firmware (${roles[name]})` : undefined);
      return { name, kind: d.kind, base: d.base, size: d.size, irqs: d.irqs, owner, ownerIsPartition: partition !== undefined };
    })
    .sort((a, b) => a.base - b.base);

  const harts: HartView[] = Array.from({ length: board.harts }, (_, id) => {
    const on = partitions.filter((p) => p.harts.includes(id)).map((p) => p.name);
    const spec = system.schedule?.[`hart${id}`];
    let schedule: ScheduleView;
    if (spec && "majorFrame" in spec) {
      let at = 0;
      const windows = spec.windows.map(([partition, length]) => {
        const start = at === 0 ? "0" : formatTime(at);
        at += parseTime(length).ok ? (parseTime(length) as { value: number }).value : 0;
        return { partition, start, length: time(length) };
      });
      const frame = parseTime(spec.majorFrame);
      const rest = frame.ok ? frame.value - at : 0;
      schedule = { kind: "windows", majorFrame: time(spec.majorFrame), windows, idle: rest > 0 ? formatTime(rest) : "" };
    } else if (spec && spec.policy === "priority") {
      schedule = {
        kind: "priority",
        partitions: partitions
          .filter((p) => p.harts.includes(id))
          .map((p) => ({ name: p.name, priority: p.priority ?? 0, budget: p.budget }))
          .sort((a, b) => b.priority - a.priority),
      };
    } else {
      schedule = { kind: "round-robin", slice: spec && "slice" in spec && spec.slice !== undefined ? time(spec.slice) : DEFAULT_SLICE, partitions: on };
    }
    return { id, partitions: on, schedule };
  });

  return {
    name: system.name,
    board: { name: board.name, description: board.description, ram: board.memory.ram },
    mode: executionMode(system),
    partitions,
    channels,
    regions,
    devices,
    harts,
  };
}

/** Guest-physical base of every partition's RAM (the same for all). */
export const GUEST_RAM = GUEST_RAM_BASE;
export { formatSize };
