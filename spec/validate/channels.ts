/** Rules about channels: their endpoints and the sizes of their queues. */
import { parseSize } from "../units.ts";
import type { Rule } from "./rule.ts";
import { entriesOf, field, isRecord, partitionNames, shown } from "./values.ts";

/** Channels that are objects, with their names. */
export const channelsOf = (system: unknown) => entriesOf(field(system, "channels")).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));

export const channelRules: Rule[] = [
  {
    id: "channel-endpoint-unknown",
    summary: "A channel's `from` and `to` name partitions of the system.",
    *check({ system }) {
      const names = partitionNames(system);
      for (const [name, c] of channelsOf(system)) {
        for (const end of ["from", "to"] as const) {
          const value = c[end];
          if (typeof value === "string" && names.includes(value)) continue;
          yield {
            path: ["channels", name, end],
            message: `channel "${name}" ${end === "from" ? "sends from" : "goes to"} ${shown(value)}, which is not a partition; use one of ${names.map((n) => `"${n}"`).join(", ") || "the partitions' names"}`,
          };
        }
      }
    },
  },
  {
    id: "channel-self-loop",
    summary: "A channel connects two different partitions.",
    *check({ system }) {
      for (const [name, c] of channelsOf(system)) {
        if (typeof c.from === "string" && c.from === c.to) {
          yield { path: ["channels", name, "to"], message: `channel "${name}" goes from "${c.from}" to itself; a partition keeps its own data in its memory, so connect two partitions` };
        }
      }
    },
  },
  {
    id: "channel-msgsize-invalid",
    summary: "A channel's msgSize is a size of at least one byte.",
    *check({ system }) {
      for (const [name, c] of channelsOf(system)) {
        const parsed = parseSize(c.msgSize);
        const path = ["channels", name, "msgSize"];
        if (!parsed.ok) yield { path, message: `msgSize of channel "${name}": ${parsed.message}` };
        else if (parsed.value === 0) yield { path, message: `msgSize of channel "${name}" is 0; a message needs at least one byte, e.g. msgSize: 64` };
      }
    },
  },
  {
    id: "channel-depth-invalid",
    summary: "A channel's depth is a whole number of messages, at least 1.",
    *check({ system }) {
      for (const [name, c] of channelsOf(system)) {
        const depth = c.depth;
        if (typeof depth === "number" && Number.isInteger(depth) && depth >= 1) continue;
        yield { path: ["channels", name, "depth"], message: `depth of channel "${name}" is ${shown(depth)}; give the number of messages the queue holds, a whole number of at least 1, e.g. depth: 16` };
      }
    },
  },
];
