/**
 * shared-counter: a shared region that "writer" maps read-write and "reader"
 * maps read-only. The writer counts up in it; the reader watches the count
 * reach its end. Then the reader tries to write the counter itself: the
 * write faults, the reader is stopped, and the writer is unaffected — so the
 * system ends with status 126 (a partition was stopped by a fault), on
 * purpose.
 *
 *   npx phase3 run examples/shared-counter/system.ts
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "shared_counter",
  board: boards.qemuVirt({ harts: 2, ram: "64M" }),
  partitions: {
    writer: { app: "writer.c", memory: "64K", hart: 0 },
    reader: { app: "reader.c", memory: "64K", hart: 1 },
  },
  shared: {
    counter: { size: "4K", access: { writer: "rw", reader: "r" } },
  },
});
