/**
 * Schedules per hart: which vCPUs a hart runs, in spec order, and its policy
 * with every duration in timebase ticks. Harts the spec does not schedule run
 * round robin with 1ms slices.
 */
import type { HartSchedule, System } from "../../../spec/system.ts";
import { formatTime, parseTime } from "../../../spec/units.ts";
import type { HartModel, VcpuModel } from "./model.ts";
import { ticksOf } from "./time.ts";

export const DEFAULT_SLICE_NS = 1_000_000;

export function lowerHarts(system: System, vcpus: VcpuModel[]): HartModel[] {
  const hz = system.board.timebaseHz;
  return Array.from({ length: system.board.harts }, (_, id): HartModel => {
    const mine = vcpus.filter((v) => v.hart === id);
    const schedule = (system.schedule as Record<string, HartSchedule | undefined> | undefined)?.[`hart${id}`];
    const base = { id, vcpuIds: mine.map((v) => v.id), vcpuList: mine.map((v) => v.id).join(", "), windows: [], majorFrameTicks: "0" };
    const slice = schedule && "policy" in schedule && schedule.policy === "round-robin" ? schedule.slice : undefined;
    const sliceNs = slice === undefined ? DEFAULT_SLICE_NS : parseTime(slice).ok ? (parseTime(slice) as { value: number }).value : DEFAULT_SLICE_NS;
    const sliceTicks = String(ticksOf(sliceNs, hz));
    if (schedule && "majorFrame" in schedule) {
      let at = 0;
      const windows = schedule.windows.map(([who, duration]) => {
        const ticks = ticksOf(duration, hz);
        const vcpu = mine.find((v) => v.partitionName === who);
        const window = { vcpu: vcpu ? String(vcpu.id) : "WINDOW_IDLE", start: String(at), end: String(at + ticks), comment: `${who} ${formatTime(Number(ticksOf(duration, 1e9)))}` };
        at += ticks;
        return window;
      });
      return { ...base, policy: "SCHED_FRAME", sliceTicks, majorFrameTicks: String(ticksOf(schedule.majorFrame, hz)), windows, description: `major frame of ${String(schedule.majorFrame)}: ${schedule.windows.map(([w, d]) => `${w} ${String(d)}`).join(", ")}` };
    }
    if (schedule && "policy" in schedule && schedule.policy === "priority") {
      return { ...base, policy: "SCHED_PRIORITY", sliceTicks, description: "fixed priorities, equal ones take 1ms turns" };
    }
    return { ...base, policy: "SCHED_ROUND_ROBIN", sliceTicks, description: `round robin, ${formatTime(sliceNs)} turns` };
  });
}
