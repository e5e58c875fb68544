/**
 * bench/irq with the hart busy: the RTC's owner preempts a lower-priority
 * partition that computes (busy.c) for each alarm. From the alarm's instant
 * to the owner running again after p3_wait.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "irq_preempt",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    owner: { app: "../irq/owner.c", memory: "64K", hart: 0, devices: ["rtc"], priority: 2 },
    busy: { app: "busy.c", memory: "64K", hart: 0, priority: 1 },
  },
  schedule: { hart0: { policy: "priority" } },
});
