/**
 * Lowering each partition: its vCPUs, where its image goes and how it starts,
 * what it may touch, its wait sources, policies, and what isolates it (the
 * G-stage root in hypervisor mode, PMP entries in microkernel mode).
 */
import path from "node:path";
import type { Abi } from "../load/read-abi.ts";
import { pmpConfigByte, restarts, type MemoryPlan, type PartitionPlacement, type PmpEntry } from "../../../spec/layout/index.ts";
import { hartsOf, type FaultPolicy, type PartitionSpec, type System } from "../../../spec/system.ts";
import { formatSize, parseSize } from "../../../spec/units.ts";
import { constantName, hex, hex64 } from "./format.ts";
import { deviceTreeSource } from "./devicetree.ts";
import { hgatpFor } from "./gstage.ts";
import { guestView } from "./memory-map.ts";
import type { PartitionModel, PmpModel, VcpuModel } from "./model.ts";
import { sourcesOf } from "./sources.ts";
import { ticksOf, timeText } from "./time.ts";

/** A restart policy without a count restarts this many times. */
export const DEFAULT_MAX_RESTARTS = 3;

/** Exceptions an unmodified guest handles itself: its own page faults, its
 * user mode's ecalls and illegal instructions, breakpoints, misalignment. */
const GUEST_DELEGATED_EXCEPTIONS = [0, 2, 3, 4, 6, 8, 12, 13, 15].reduce((m, c) => m | (1n << BigInt(c)), 0n);


function faultPolicy(policy: FaultPolicy | undefined): { onFault: string; maxRestarts: number } {
  if (policy === "halt") return { onFault: "FAULT_HALT", maxRestarts: 0 };
  if (policy === "restart") return { onFault: "FAULT_RESTART", maxRestarts: DEFAULT_MAX_RESTARTS };
  if (typeof policy === "object" && policy !== null) return { onFault: "FAULT_RESTART", maxRestarts: policy.restart };
  return { onFault: "FAULT_STOP", maxRestarts: 0 };
}

export function lowerVcpus(system: System): VcpuModel[] {
  const vcpus: VcpuModel[] = [];
  Object.entries(system.partitions).forEach(([name, spec], partition) => {
    hartsOf(spec).forEach((hart, index) => vcpus.push({ id: vcpus.length, partition, partitionName: name, index, hart }));
  });
  return vcpus;
}

/**
 * A partition's PMP entries as the CSRs take them: pmpaddr values, and the
 * cfg bytes packed little-end first into pmpcfg words (XLEN/8 per word).
 */
export function lowerPmp(entries: PmpEntry[], boardEntries: number, xlen: 32 | 64): PmpModel {
  const perWord = xlen / 8;
  const words = Math.ceil(boardEntries / perWord);
  const cfg = Array.from({ length: words }, (_, w) =>
    entries.slice(w * perWord, (w + 1) * perWord).reduce((word, e, i) => word | (BigInt(pmpConfigByte(e)) << BigInt(8 * i)), 0n),
  );
  return {
    used: entries.length,
    cfgWords: cfg.map((w) => (xlen === 64 ? hex64(w) : hex(w))),
    entries: entries.map((e, index) => ({
      index,
      address: xlen === 64 ? hex64(BigInt(e.address)) : hex(e.address),
      comment: `${e.match}${e.perms ? ` ${e.perms}` : ""}: ${e.what}`,
    })),
  };
}

export function lowerPartition(system: System, plan: MemoryPlan, placement: PartitionPlacement, id: number, vcpus: VcpuModel[], abi: Abi, rel: (p: string) => string, specDir: string): PartitionModel {
  const spec: PartitionSpec = system.partitions[placement.name];
  const board = system.board;
  const hz = board.timebaseHz;
  const microkernel = plan.mode === "microkernel";
  const isApp = spec.image === undefined;
  const apps = spec.app === undefined ? [] : typeof spec.app === "string" ? [spec.app] : [...spec.app];
  const mine = vcpus.filter((v) => v.partitionName === placement.name);
  // Where its image is loaded and starts: a guest image may say; an app starts
  // at the first byte of its image (its code window, where code runs from flash).
  const load = isApp ? (placement.code?.base ?? placement.image.base) : (spec.image?.load ?? placement.guest);
  const entry = isApp ? load : (spec.image?.entry ?? load);
  const imageHost = placement.code ? placement.code.base : placement.host + (load - placement.guest);
  const imageLimit = placement.code ? placement.code.base + placement.code.size : placement.image.limit;
  const restartable = restarts(spec.onFault);
  const { onFault, maxRestarts } = faultPolicy(spec.onFault);
  const dtbHost = placement.host + (placement.deviceTree - placement.guest);
  const hasDeviceTree = placement.deviceTree !== 0;
  const sources = sourcesOf(system, placement.name);
  return {
    id,
    name: placement.name,
    kind: isApp ? "PARTITION_APP" : "PARTITION_GUEST",
    isApp,
    firstVcpu: mine[0]?.id ?? 0,
    nvcpus: mine.length,
    vmid: id + 1,
    hgatp: microkernel ? undefined : hex64(hgatpFor(placement, id + 1)),
    hedeleg: isApp ? "0" : hex(GUEST_DELEGATED_EXCEPTIONS),
    pmp: microkernel ? lowerPmp(placement.pmp, board.pmp?.entries ?? 0, board.isa.xlen) : undefined,
    entry: hex(entry),
    bootArg: hex(placement.deviceTree),
    ramBase: hex(placement.image.base),
    imageLimit: hex(placement.image.limit),
    imageMaxBytes: String(imageLimit - load),
    code: placement.code ? { base: hex(placement.code.base), size: String(placement.code.size), text: formatSize(placement.code.size) } : undefined,
    ramImageBytes: String(placement.image.limit - placement.image.base),
    stackTop: hex(placement.stackTop),
    host: hex(placement.host),
    ramSize: hex(placement.size),
    // What the firmware may touch on the partition's behalf (every pointer a
    // call passes): memory only. A device window is mapped for the partition
    // itself; the firmware copying through it could do an access the device
    // refuses (an access fault in the firmware) or has side effects.
    ranges: placement.mappings.filter((m) => m.device === undefined).map((m) => ({ guest: hex(m.guest), host: hex(m.host), size: hex(m.size), perms: m.perms.split("").map((c) => `PERM_${c.toUpperCase()}`).join(" | "), what: m.what })),
    sources,
    dataSources: hex(sources.filter((s) => s.kind === "SOURCE_CHANNEL_RX" || s.kind === "SOURCE_CONSOLE").reduce((m, s) => m | (1 << s.id), 0) >>> 0),
    shared: Object.entries(system.shared ?? {})
      .filter(([, region]) => (region.access as Record<string, string | undefined>)[placement.name] !== undefined)
      .map(([name, region], k) => {
        const s = plan.shared.find((x) => x.kind === "region" && x.name === name)!;
        return { id: k, constant: `P3_SHM_${constantName(name)}`, guest: hex(s.guest), size: hex(s.size), access: (region.access as Record<string, string>)[placement.name] };
      }),
    constants: Object.entries(system.channels ?? {})
      .filter(([, c]) => c.from === placement.name || c.to === placement.name)
      .flatMap(([name, c]) => {
        const size = parseSize(c.msgSize);
        return [
          { name: `P3_CHAN_${constantName(name)}_MSG_SIZE`, value: String(size.ok ? size.value : 0), comment: "largest message, bytes" },
          { name: `P3_CHAN_${constantName(name)}_DEPTH`, value: String(c.depth), comment: "messages the queue holds" },
        ];
      }),
    sources_c: apps.map((a) => rel(path.resolve(specDir, a))),
    guestImage: isApp ? undefined : `images/${placement.name}.bin`,
    imageHost: hex(imageHost),
    restartable,
    // What a restart copies back. From flash, nothing: the image never
    // changed, and the app's start-up code copies its data again.
    segments: restartable && !placement.code
      ? [
          { symbol: `p3_pristine_${placement.name}`, dest: hex(imageHost), what: "image" },
          ...(hasDeviceTree ? [{ symbol: `p3_pristine_${placement.name}_dtb`, dest: hex(dtbHost), what: "device tree" }] : []),
        ]
      : [],
    deviceTree: hasDeviceTree ? deviceTreeSource(system, placement, mine.length, abi.extensionId) : undefined,
    dtbHost: hex(dtbHost),
    onFault,
    maxRestarts,
    watchdogTicks: String(ticksOf(spec.watchdog, hz)),
    priority: spec.priority ?? 0,
    budgetTicks: String(ticksOf(spec.budget, hz)),
    periodTicks: String(ticksOf(spec.period, hz)),
    memoryText: formatSize(placement.size),
    stackText: isApp ? formatSize(placement.stackSize) : "-",
    hartList: mine.map((v) => v.hart).join(", "),
    harts: mine.map((v) => v.hart),
    memoryBytes: placement.size,
    stackBytes: placement.stackSize,
    hostAddress: placement.host,
    runs: spec.image ? `guest image ${spec.image.file}` : `app ${apps.join(", ")}`,
    faultText: onFault === "FAULT_RESTART" ? `restart (${maxRestarts} time${maxRestarts === 1 ? "" : "s"})` : onFault === "FAULT_HALT" ? "halt" : "stop",
    watchdogText: spec.watchdog === undefined ? undefined : timeText(spec.watchdog),
    specPriority: spec.priority,
    budgetText: spec.budget === undefined ? undefined : `${timeText(spec.budget)} per ${timeText(spec.period)}`,
    consoleInput: spec.consoleInput === true,
    devices: [...(spec.devices ?? [])],
    view: guestView(plan, placement, board),
    imageRam: { base: placement.image.base, size: placement.image.limit - placement.image.base },
    imageCode: placement.code ? { ...placement.code } : undefined,
  };
}
