/** Rules that keep a spec inside Phase3's fixed limits (spec/limits.ts says why each exists). */
import { MAX_CHANNEL_DEPTH, MAX_MESSAGE_SIZE, MAX_PARTITIONS, MAX_WAIT_SOURCES } from "../limits.ts";
import { formatSize } from "../units.ts";
import { channelsOf } from "./channels.ts";
import type { Rule } from "./rule.ts";
import { bytes, deviceGrants, entriesOf, field, isRecord } from "./values.ts";

export const limitRules: Rule[] = [
  {
    id: "too-many-partitions",
    summary: `A system has at most ${MAX_PARTITIONS} partitions (partition ids are 8 bits).`,
    *check({ system }) {
      const count = entriesOf(field(system, "partitions")).length;
      if (count > MAX_PARTITIONS) {
        yield { path: ["partitions"], message: `the system has ${count} partitions, more than the ${MAX_PARTITIONS} Phase3 supports (partition ids are 8 bits); merge some` };
      }
    },
  },
  {
    id: "channel-msgsize-too-large",
    summary: `A channel's msgSize is at most ${formatSize(MAX_MESSAGE_SIZE)} (message lengths are 16 bits).`,
    *check({ system }) {
      for (const [name, c] of channelsOf(system)) {
        const size = bytes(c.msgSize);
        if (size !== undefined && size > MAX_MESSAGE_SIZE) {
          yield {
            path: ["channels", name, "msgSize"],
            message: `msgSize of channel "${name}" is ${formatSize(size)}, more than the ${formatSize(MAX_MESSAGE_SIZE)} a message may carry (lengths are 16 bits); use a shared region for bulk data`,
          };
        }
      }
    },
  },
  {
    id: "channel-depth-too-large",
    summary: `A channel's depth is at most ${MAX_CHANNEL_DEPTH} messages (queue indices are 12 bits).`,
    *check({ system }) {
      for (const [name, c] of channelsOf(system)) {
        if (typeof c.depth === "number" && Number.isInteger(c.depth) && c.depth > MAX_CHANNEL_DEPTH) {
          yield { path: ["channels", name, "depth"], message: `depth of channel "${name}" is ${c.depth}, more than the ${MAX_CHANNEL_DEPTH} messages a queue may hold (its indices are 12 bits)` };
        }
      }
    },
  },
  {
    id: "wait-sources-exceeded",
    summary: `A partition has at most ${MAX_WAIT_SOURCES} wait sources, channel ends plus granted interrupts (p3_wait takes a 32-bit mask).`,
    *check({ system, board }) {
      const counts = new Map<string, { channels: number; irqs: number }>();
      const count = (p: unknown) => {
        if (typeof p !== "string") return undefined;
        let c = counts.get(p);
        if (!c) counts.set(p, (c = { channels: 0, irqs: 0 }));
        return c;
      };
      for (const [, c] of channelsOf(system)) {
        for (const end of new Set([c.from, c.to])) {
          const entry = count(end);
          if (entry) entry.channels++;
        }
      }
      for (const grant of deviceGrants(system)) {
        const irqs = field(board?.devices[grant.device], "irqs");
        const entry = count(grant.partition);
        if (entry && Array.isArray(irqs)) entry.irqs += irqs.length;
      }
      for (const [name, p] of entriesOf(field(system, "partitions"))) {
        const c = counts.get(name);
        if (!isRecord(p) || !c || c.channels + c.irqs <= MAX_WAIT_SOURCES) continue;
        yield {
          path: ["partitions", name],
          message: `partition "${name}" has ${c.channels + c.irqs} wait sources (${c.channels} channel ends, ${c.irqs} interrupts), more than the ${MAX_WAIT_SOURCES} bits of p3_wait's mask; merge channels`,
        };
      }
    },
  },
];
