/**
 * Type-level tests: misusing a name is a compile error, in the editor, before
 * anything runs. `tsc --noEmit -p .` (the first half of `npm test`) fails with
 * "Unused '@ts-expect-error' directive" if any marked line stops being an
 * error; test/unit/types.test.ts also checks each is an error for the right
 * reason (the message it expects is in the comment after the directive).
 */
import { boards, defineSystem } from "../../spec/index.ts";

const board = boards.qemuVirt({ harts: 2 });
const partitions = {
  ping: { app: "ping.c", memory: "64K", hart: 0 },
  pong: { app: "pong.c", memory: "64K", hart: 1 },
} as const;

export const channelToUnknown = defineSystem({
  name: "t1",
  board,
  partitions,
  channels: {
    samples: {
      from: "ping",
      // @ts-expect-error '"pnog"' is not assignable to type '"ping" | "pong"'
      to: "pnog",
      msgSize: 64,
      depth: 4,
    },
  },
});

export const channelFromUnknown = defineSystem({
  name: "t2",
  board,
  partitions,
  channels: {
    samples: {
      // @ts-expect-error '"sensor"' is not assignable to type '"ping" | "pong"'
      from: "sensor",
      to: "pong",
      msgSize: 64,
      depth: 4,
    },
  },
});

export const deviceTheBoardLacks = defineSystem({
  name: "t3",
  board,
  partitions: {
    ping: {
      app: "ping.c",
      memory: "64K",
      hart: 0,
      // @ts-expect-error '"virtio9"' is not assignable to type 'QemuVirtDevice'
      devices: ["virtio9"],
    },
  },
});

export const regionUserUnknown = defineSystem({
  name: "t4",
  board,
  partitions,
  shared: {
    table: {
      size: "4K",
      access: {
        ping: "rw",
        // @ts-expect-error 'pnog' does not exist in type
        pnog: "r",
      },
    },
  },
});

export const regionWriteOnly = defineSystem({
  name: "t5",
  board,
  partitions,
  shared: {
    table: {
      size: "4K",
      access: {
        // @ts-expect-error '"w"' is not assignable to type 'Access
        ping: "w",
        pong: "r",
      },
    },
  },
});

export const windowForUnknown = defineSystem({
  name: "t6",
  board,
  partitions,
  schedule: {
    hart0: {
      majorFrame: "10ms",
      windows: [
        ["ping", "5ms"],
        // @ts-expect-error '"pnig"' is not assignable to type '"idle" | "ping" | "pong"'
        ["pnig", "5ms"],
      ],
    },
  },
});

export const sizeWithoutUnit = defineSystem({
  name: "t7",
  board,
  partitions: {
    // @ts-expect-error '"64KB"' is not assignable to type 'Size'
    ping: { app: "ping.c", memory: "64KB", hart: 0 },
  },
});

/** The same names, spelled right, are fine. */
export const fine = defineSystem({
  name: "t8",
  board,
  partitions: {
    ping: { app: "ping.c", memory: "64K", hart: 0, devices: ["virtio0"] },
    pong: { app: "pong.c", memory: "64K", hart: 1 },
  },
  channels: { samples: { from: "ping", to: "pong", msgSize: 64, depth: 4 } },
  shared: { table: { size: "4K", access: { ping: "rw", pong: "r" } } },
  schedule: { hart0: { majorFrame: "10ms", windows: [["ping", "5ms"], ["idle", "5ms"]] } },
});
