/**
 * Overhead on a partition's own work: a compute-bound workload as a
 * partition sharing its hart with an idle partition, under the default
 * round-robin schedule (1 ms slices, so a timer tick every millisecond),
 * against the same workload bare metal (bench/floor).
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "overhead",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    worker: { app: "worker.c", memory: "64K", hart: 0 },
    bystander: { app: "bystander.c", memory: "64K", hart: 0 },
  },
  channels: {
    done: { from: "worker", to: "bystander", msgSize: 8, depth: 1 },
  },
});
