/**
 * pipeline: sensor → filter → logger across three partitions on two harts.
 * The sensor samples a deterministic synthetic signal every 100us; the filter
 * smooths it; the logger, on the other hart, checks end to end that every
 * sample arrives once, in order, with the value it must have.
 *
 * Hart 0 runs a 10ms major frame: 2ms for the sensor, 8ms for the filter.
 *
 *   npx phase3 run examples/pipeline/system.ts
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "pipeline",
  board: boards.qemuVirt({ harts: 2, ram: "256M" }),
  partitions: {
    sensor: { app: ["sensor.c", "signal.c"], memory: "256K", hart: 0 },
    filter: { app: ["filter.c", "signal.c"], memory: "256K", hart: 0, onFault: "restart" },
    logger: { app: ["logger.c", "signal.c"], memory: "256K", hart: 1 },
  },
  channels: {
    samples: { from: "sensor", to: "filter", msgSize: 64, depth: 16 },
    events: { from: "filter", to: "logger", msgSize: 64, depth: 16 },
  },
  schedule: {
    hart0: { majorFrame: "10ms", windows: [["sensor", "2ms"], ["filter", "8ms"]] },
  },
});
