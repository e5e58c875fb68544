/**
 * Restart benchmark: instructions from a partition's fault to the first
 * instruction of its restarted image. `crash` faults on purpose in its first
 * run, right after reading the cycle counter (the virtual instruction count
 * under -icount) into a shared region, which a restart leaves alone; its
 * _start reads the counter first thing, so the second run reports the
 * difference. The count includes the fault report on the console, clearing
 * and reloading its 64K, and scheduling it again. `witness` runs first and
 * is gone by then, so nothing else is counted.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "restart",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    witness: { app: "../../test/fixtures/apps/ok.c", memory: "64K", hart: 0 },
    crash: { app: ["start.S", "crash.c"], memory: "64K", hart: 0, onFault: { restart: 1 } },
  },
  shared: {
    clock: { size: "4K", access: { crash: "rw", witness: "r" } },
  },
});
