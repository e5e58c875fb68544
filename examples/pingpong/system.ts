/**
 * pingpong: two partitions bounce a message back and forth N times over a
 * pair of channels. ping checks every reply; both return 0 when all arrived.
 * The basis of the message-latency benchmark.
 *
 *   npx phase3 run examples/pingpong/system.ts
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "pingpong",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    ping: { app: "ping.c", memory: "64K", hart: 0 },
    pong: { app: "pong.c", memory: "64K", hart: 0 },
  },
  channels: {
    serve: { from: "ping", to: "pong", msgSize: 64, depth: 4 },
    reply: { from: "pong", to: "ping", msgSize: 64, depth: 4 },
  },
});
