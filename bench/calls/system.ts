/**
 * Calls: the cost of single Phase3 calls on one hart, each from a loop of
 * 10,000 with the empty loop subtracted; and a partition switch, from two
 * partitions yielding to each other.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "calls",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    caller: { app: "caller.c", memory: "64K", hart: 0 },
    partner: { app: "partner.c", memory: "64K", hart: 0 },
  },
  shared: {
    board: { size: "4K", access: { caller: "rw", partner: "rw" } },
  },
});
