/**
 * Messages between two partitions on two harts: a 64-byte message one
 * way (send → the receiver wakes → receive) and round trip, by copy and zero
 * copy; send and receive alone; notification to wake-up.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "messages_2harts",
  board: boards.qemuVirt({ harts: 2, ram: "64M" }),
  partitions: {
    sender: { app: "../messages/sender.c", memory: "64K", hart: 0 },
    receiver: { app: "../messages/receiver.c", memory: "64K", hart: 1 },
  },
  channels: {
    there: { from: "sender", to: "receiver", msgSize: 64, depth: 64 },
    back: { from: "receiver", to: "sender", msgSize: 64, depth: 64 },
    // the sender's "the burst is in": the receiver sleeps on it, so that it
    // neither receives during the burst nor spends instructions polling
    go: { from: "sender", to: "receiver", msgSize: 8, depth: 1 },
  },
  shared: {
    clock: { size: "4K", access: { sender: "rw", receiver: "rw" } },
  },
});
