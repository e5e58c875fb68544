/**
 * Wait sources: each partition numbers its own channel ends, interrupts and
 * console input from 0, in a fixed order (channels in spec order, then each
 * granted device's interrupt lines, then console input). The number is the
 * bit of p3_wait's mask and the id an app passes (P3_CHAN_*, P3_IRQ_*,
 * P3_CONSOLE): it means nothing to another partition.
 */
import type { System } from "../../../spec/system.ts";
import { constantName } from "./format.ts";
import type { SourceModel } from "./model.ts";

/** The channels the generator lowers, in spec order: their ids. */
export function channelIds(system: System): Map<string, number> {
  return new Map(Object.keys(system.channels ?? {}).map((name, id) => [name, id]));
}

export function sourcesOf(system: System, partition: string): SourceModel[] {
  const sources: SourceModel[] = [];
  const add = (kind: string, index: number, constant: string, comment: string) => sources.push({ id: sources.length, kind, index, constant, comment });
  const ids = channelIds(system);
  for (const [name, channel] of Object.entries(system.channels ?? {})) {
    const id = ids.get(name)!;
    if (channel.from === partition) add("SOURCE_CHANNEL_TX", id, `P3_CHAN_${constantName(name)}`, `sends on ${name}`);
    else if (channel.to === partition) add("SOURCE_CHANNEL_RX", id, `P3_CHAN_${constantName(name)}`, `receives on ${name}`);
  }
  const spec = system.partitions[partition];
  for (const device of spec.devices ?? []) {
    const irqs = system.board.devices[device]?.irqs ?? [];
    irqs.forEach((line, k) => add("SOURCE_IRQ", line, irqs.length === 1 ? `P3_IRQ_${constantName(device)}` : `P3_IRQ_${constantName(device)}_${k}`, `${device} interrupt line ${line}`));
  }
  if (spec.consoleInput) add("SOURCE_CONSOLE", 0, "P3_CONSOLE", "console input");
  return sources;
}
