/**
 * Boot benchmark: instructions from reset to the first instruction of the
 * first partition, on one hart. The app's own _start reads the cycle counter
 * (the virtual instruction count under -icount) before anything else.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "boot",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    first: { app: ["start.S", "report.c"], memory: "64K", hart: 0 },
    second: { app: "../../examples/hello/pong.c", memory: "64K", hart: 0 },
  },
});
