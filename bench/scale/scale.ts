/**
 * The scaling benchmark's systems: the same two measuring partitions (lead
 * and partner, on hart 0) among `total - 2` idle fillers, on `harts` harts.
 * A partition switch, a message round trip and a device interrupt must cost
 * the same whatever the system's size: nothing on those paths may look at
 * every partition.
 *
 * Fillers are blocked in p3_wait the whole time (with a deadline after the
 * measurements, so that the run ends); with more than one hart they are
 * spread over all of them.
 */
import { boards, defineSystem, type PartitionSpec } from "phase3";

export function scaleSystem(total: number, harts: number) {
  const fillers: Record<string, PartitionSpec> = {};
  for (let i = 0; i < total - 2; i++) fillers[`filler${i}`] = { app: "filler.c", memory: "16K", stack: "4K", hart: i % harts };
  return defineSystem({
    name: `scale${total}x${harts}`,
    board: boards.qemuVirt({ harts, ram: "64M" }),
    partitions: {
      lead: { app: "lead.c", memory: "64K", hart: 0, devices: ["rtc"] },
      partner: { app: "partner.c", memory: "64K", hart: 0 },
      ...fillers,
    },
    channels: {
      there: { from: "lead", to: "partner", msgSize: 64, depth: 4 },
      back: { from: "partner", to: "lead", msgSize: 64, depth: 4 },
    },
    shared: {
      board: { size: "4K", access: { lead: "rw", partner: "rw" } },
    },
  });
}
