/**
 * hello: the smallest Phase3 system. Two partitions on one hart, each an app
 * that prints a line naming itself and returns 0.
 *
 *   npx phase3 run examples/hello/system.ts
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "hello",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    ping: { app: "ping.c", memory: "64K", hart: 0 },
    pong: { app: "pong.c", memory: "64K", hart: 0 },
  },
});
