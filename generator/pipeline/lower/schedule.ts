/**
 * Schedules per hart: which vCPUs a hart runs, in spec order, and its policy
 * with every duration in timebase ticks, and the same schedule as people read
 * it. Harts the spec does not schedule run round robin with 1ms slices.
 */
import type { HartSchedule, System } from "../../../spec/system.ts";
import { formatTime } from "../../../spec/units.ts";
import type { HartModel, PartitionModel, VcpuModel } from "./model.ts";
import { nanosOf, ticksOf, timeText } from "./time.ts";

export const DEFAULT_SLICE_NS = 1_000_000;

export function lowerHarts(system: System, vcpus: VcpuModel[], partitions: PartitionModel[]): HartModel[] {
  const hz = system.board.timebaseHz;
  return Array.from({ length: system.board.harts }, (_, id): HartModel => {
    const mine = vcpus.filter((v) => v.hart === id);
    const names = partitions.filter((p) => p.harts.includes(id)).map((p) => p.name);
    const schedule = (system.schedule as Record<string, HartSchedule | undefined> | undefined)?.[`hart${id}`];
    const base = { id, vcpuIds: mine.map((v) => v.id), vcpuList: mine.map((v) => v.id).join(", "), windows: [], majorFrameTicks: "0", partitionNames: names };
    const slice = schedule && "policy" in schedule && schedule.policy === "round-robin" ? schedule.slice : undefined;
    const sliceNs = nanosOf(slice, DEFAULT_SLICE_NS);
    const sliceTicks = String(ticksOf(sliceNs, hz));
    if (schedule && "majorFrame" in schedule) {
      let atTicks = 0;
      let atNs = 0;
      const windows = [];
      const shown = [];
      for (const [who, duration] of schedule.windows) {
        const ticks = ticksOf(duration, hz);
        const ns = nanosOf(duration);
        const vcpu = mine.find((v) => v.partitionName === who);
        windows.push({ vcpu: vcpu ? String(vcpu.id) : "WINDOW_IDLE", start: String(atTicks), end: String(atTicks + ticks), comment: `${who} ${formatTime(ns)}` });
        shown.push({ partition: who, start: atNs === 0 ? "0" : formatTime(atNs), length: formatTime(ns) });
        atTicks += ticks;
        atNs += ns;
      }
      const frameNs = nanosOf(schedule.majorFrame);
      return {
        ...base,
        policy: "SCHED_FRAME",
        sliceTicks,
        majorFrameTicks: String(ticksOf(schedule.majorFrame, hz)),
        windows,
        description: `major frame of ${String(schedule.majorFrame)}: ${schedule.windows.map(([w, d]) => `${w} ${String(d)}`).join(", ")}`,
        schedule: { kind: "windows", majorFrame: timeText(schedule.majorFrame), windows: shown, idle: frameNs > atNs ? formatTime(frameNs - atNs) : "" },
      };
    }
    if (schedule && "policy" in schedule && schedule.policy === "priority") {
      const ranked = partitions
        .filter((p) => p.harts.includes(id))
        .map((p) => ({ name: p.name, priority: p.specPriority ?? 0, budget: p.budgetText }))
        .sort((a, b) => b.priority - a.priority);
      return { ...base, policy: "SCHED_PRIORITY", sliceTicks, description: "fixed priorities, equal ones take 1ms turns", schedule: { kind: "priority", partitions: ranked } };
    }
    return {
      ...base,
      policy: "SCHED_ROUND_ROBIN",
      sliceTicks,
      description: `round robin, ${formatTime(sliceNs)} turns`,
      schedule: { kind: "round-robin", slice: formatTime(sliceNs), partitions: names },
    };
  });
}
