/**
 * Lowering: a validated system and its memory plan become the model the
 * templates print. All ordering, id assignment and number formatting
 * happens here, once:
 *
 *   - partitions keep spec order; partition id = position, VMID = id + 1;
 *   - vCPU ids follow partitions, then each partition's list of harts;
 *   - channel ids follow spec order; each partition numbers its own wait
 *     sources (sources.ts);
 *   - each hart runs its vCPUs in spec order (schedule.ts);
 *   - devices are sorted by address; interrupt routes by partition.
 */
import path from "node:path";
import type { Abi } from "../abi/read-abi.ts";
import { restarts, type MemoryPlan, type PartitionPlacement } from "../../spec/layout.ts";
import { boardDevice, deviceEntries, driverSource } from "../../spec/boards/profile.ts";
import { hartsOf, type FaultPolicy, type PartitionSpec, type System } from "../../spec/system.ts";
import { formatSize, parseSize } from "../../spec/units.ts";
import { SYSTEM_STATUS } from "../../sim/exit.ts";
import { lowerAbi } from "./abi.ts";
import { cString, hex, hex64, posix } from "./format.ts";
import { deviceTreeSource } from "./devicetree.ts";
import { encodeGstage, hgatpFor } from "./gstage.ts";
import { guestMemoryMap, hostMemoryMap } from "./memory-map.ts";
import type { ChannelModel, Define, IrqRouteModel, Model, PartitionModel, VcpuModel } from "./model.ts";
import { lowerHarts } from "./schedule.ts";
import { channelIds, sourcesOf } from "./sources.ts";
import { ticksOf } from "./time.ts";

export interface LowerOptions {
  /** Absolute path of the spec file. */
  specFile: string;
  /** Absolute path of the build folder. */
  outDir: string;
  /** Absolute path of firmware/. */
  firmwareDir: string;
}

export const HART_STACK_SIZE = 4096;
export const CONSOLE_BAUD = 115_200;
/** A restart policy without a count restarts this many times. */
export const DEFAULT_MAX_RESTARTS = 3;

/** Exceptions an unmodified guest handles itself: its own page faults, its
 * user mode's ecalls and illegal instructions, breakpoints, misalignment. */
const GUEST_DELEGATED_EXCEPTIONS = [0, 2, 3, 4, 6, 8, 12, 13, 15].reduce((m, c) => m | (1n << BigInt(c)), 0n);

const upper = (name: string) => name.toUpperCase();

function faultPolicy(policy: FaultPolicy | undefined): { onFault: string; maxRestarts: number } {
  if (policy === "halt") return { onFault: "FAULT_HALT", maxRestarts: 0 };
  if (policy === "restart") return { onFault: "FAULT_RESTART", maxRestarts: DEFAULT_MAX_RESTARTS };
  if (typeof policy === "object" && policy !== null) return { onFault: "FAULT_RESTART", maxRestarts: policy.restart };
  return { onFault: "FAULT_STOP", maxRestarts: 0 };
}

function lowerVcpus(system: System): VcpuModel[] {
  const vcpus: VcpuModel[] = [];
  Object.entries(system.partitions).forEach(([name, spec], partition) => {
    hartsOf(spec).forEach((hart, index) => vcpus.push({ id: vcpus.length, partition, partitionName: name, index, hart }));
  });
  return vcpus;
}

function lowerPartition(system: System, plan: MemoryPlan, placement: PartitionPlacement, id: number, vcpus: VcpuModel[], abi: Abi, rel: (p: string) => string, specDir: string): PartitionModel {
  const spec: PartitionSpec = system.partitions[placement.name];
  const hz = system.board.timebaseHz;
  const isApp = spec.image === undefined;
  const apps = spec.app === undefined ? [] : typeof spec.app === "string" ? [spec.app] : [...spec.app];
  const mine = vcpus.filter((v) => v.partitionName === placement.name);
  const load = isApp ? placement.guest : (spec.image?.load ?? placement.guest);
  const entry = isApp ? placement.guest : (spec.image?.entry ?? load);
  const imageHost = placement.host + (load - placement.guest);
  const restartable = restarts(spec.onFault);
  const { onFault, maxRestarts } = faultPolicy(spec.onFault);
  const imageLimit = isApp ? placement.guard : placement.deviceTree;
  const dtbHost = placement.host + (placement.deviceTree - placement.guest);
  return {
    id,
    name: placement.name,
    kind: isApp ? "PARTITION_APP" : "PARTITION_GUEST",
    isApp,
    firstVcpu: mine[0]?.id ?? 0,
    nvcpus: mine.length,
    vmid: id + 1,
    hgatp: hex64(hgatpFor(placement, id + 1)),
    hedeleg: isApp ? "0" : hex(GUEST_DELEGATED_EXCEPTIONS),
    entry: hex(entry),
    bootArg: hex(placement.deviceTree),
    ramBase: hex(placement.guest),
    imageLimit: hex(imageLimit),
    imageMaxBytes: String(imageLimit - load),
    stackTop: hex(placement.stackTop),
    host: hex(placement.host),
    ramSize: hex(placement.size),
    // What the hypervisor may touch on the partition's behalf (every pointer
    // a call passes): memory only. A device window is mapped for the
    // partition itself; the hypervisor copying through it could do an access
    // the device refuses (an access fault in the hypervisor) or has side effects.
    ranges: placement.mappings.filter((m) => m.device === undefined).map((m) => ({ guest: hex(m.guest), host: hex(m.host), size: hex(m.size), perms: m.perms.split("").map((c) => `PERM_${c.toUpperCase()}`).join(" | "), what: m.what })),
    sources: sourcesOf(system, placement.name),
    dataSources: hex(sourcesOf(system, placement.name).filter((s) => s.kind === "SOURCE_CHANNEL_RX" || s.kind === "SOURCE_CONSOLE").reduce((m, s) => m | (1 << s.id), 0) >>> 0),
    shared: Object.entries(system.shared ?? {})
      .filter(([, region]) => (region.access as Record<string, string | undefined>)[placement.name] !== undefined)
      .map(([name, region], k) => {
        const s = plan.shared.find((x) => x.kind === "region" && x.name === name)!;
        return { id: k, constant: `P3_SHM_${upper(name)}`, guest: hex(s.guest), size: hex(s.size), access: (region.access as Record<string, string>)[placement.name] };
      }),
    constants: Object.entries(system.channels ?? {})
      .filter(([, c]) => c.from === placement.name || c.to === placement.name)
      .flatMap(([name, c]) => {
        const size = parseSize(c.msgSize);
        return [
          { name: `P3_CHAN_${upper(name)}_MSG_SIZE`, value: String(size.ok ? size.value : 0), comment: "largest message, bytes" },
          { name: `P3_CHAN_${upper(name)}_DEPTH`, value: String(c.depth), comment: "messages the queue holds" },
        ];
      }),
    sources_c: apps.map((a) => rel(path.resolve(specDir, a))),
    guestImage: isApp ? undefined : `images/${placement.name}.bin`,
    imageHost: hex(imageHost),
    restartable,
    segments: restartable
      ? [
          { symbol: `p3_pristine_${placement.name}`, dest: hex(imageHost), what: "image" },
          { symbol: `p3_pristine_${placement.name}_dtb`, dest: hex(dtbHost), what: "device tree" },
        ]
      : [],
    deviceTree: deviceTreeSource(system, placement, mine.length, abi.extensionId),
    dtbHost: hex(dtbHost),
    onFault,
    maxRestarts,
    watchdogTicks: String(ticksOf(spec.watchdog, hz)),
    priority: spec.priority ?? 0,
    budgetTicks: String(ticksOf(spec.budget, hz)),
    periodTicks: String(ticksOf(spec.period, hz)),
    memoryMap: guestMemoryMap(plan, placement.name),
    memoryText: formatSize(placement.size),
    stackText: isApp ? formatSize(placement.stackSize) : "-",
    hartList: mine.map((v) => v.hart).join(", "),
  };
}

function lowerChannels(system: System, plan: MemoryPlan, partitionIds: Map<string, number>): ChannelModel[] {
  const ids = channelIds(system);
  return Object.entries(system.channels ?? {}).map(([name, channel]) => {
    const placed = plan.shared.find((s) => s.kind === "channel" && s.name === name)!;
    const fromSource = sourcesOf(system, channel.from).find((s) => s.constant === `P3_CHAN_${upper(name)}`)!;
    const toSource = sourcesOf(system, channel.to).find((s) => s.constant === `P3_CHAN_${upper(name)}`)!;
    const msgSize = parseSize(channel.msgSize);
    return {
      id: ids.get(name)!,
      name,
      from: partitionIds.get(channel.from)!,
      to: partitionIds.get(channel.to)!,
      fromName: channel.from,
      toName: channel.to,
      fromSource: fromSource.id,
      toSource: toSource.id,
      notify: channel.notify === false ? 0 : 1,
      msgSize: msgSize.ok ? msgSize.value : 0,
      depth: channel.depth,
      host: hex(placed.host),
      guest: hex(placed.guest),
    };
  });
}

function lowerIrqRoutes(system: System, partitions: PartitionModel[], vcpus: VcpuModel[]): IrqRouteModel[] {
  const routes: IrqRouteModel[] = [];
  for (const p of partitions) {
    const hart = vcpus[p.firstVcpu]?.hart ?? 0;
    for (const s of p.sources) {
      if (s.kind === "SOURCE_IRQ") routes.push({ line: s.index, hart, partition: String(p.id), source: s.id, comment: `${p.name}: ${s.comment}` });
      if (s.kind === "SOURCE_CONSOLE") {
        const line = boardDevice(system.board, system.board.console).irqs[0];
        if (line !== undefined) routes.push({ line, hart, partition: "IRQ_ROUTE_CONSOLE", source: 0, comment: `console input for ${p.name}` });
      }
    }
  }
  return routes;
}

function deviceDefines(system: System): Define[] {
  const board = system.board;
  const defines: Define[] = deviceEntries(board)
    .sort(([, a], [, b]) => a.base - b.base)
    .map(([name, d]) => ({ name: `P3_${upper(name)}_BASE`, value: hex(d.base), comment: `${d.kind}, ${formatSize(d.size)}` }));
  const consoleDevice = boardDevice(board, board.console);
  const controller = boardDevice(board, board.interruptController);
  defines.push(
    { name: "P3_CONSOLE_BASE", value: hex(consoleDevice.base), comment: `console: ${board.console}` },
    { name: "P3_CONSOLE_REG_SHIFT", value: String(consoleDevice.regShift ?? 0) },
    { name: "P3_CONSOLE_CLOCK_HZ", value: String(consoleDevice.clockHz ?? 0) },
    { name: "P3_CONSOLE_BAUD", value: String(CONSOLE_BAUD) },
    { name: "P3_TIMER_BASE", value: hex(boardDevice(board, board.timer).base), comment: `timer and IPIs: ${board.timer}` },
    ...controllerDefines(board, controller),
  );
  if (board.exitDevice) defines.push({ name: "P3_EXIT_BASE", value: hex(boardDevice(board, board.exitDevice).base), comment: `run exit: ${board.exitDevice}` });
  return defines;
}

/** What the interrupt controller's driver needs to know. */
function controllerDefines(board: System["board"], controller: ReturnType<typeof boardDevice>): Define[] {
  if (controller.kind === "aplic") {
    const root = deviceEntries(board).find(([, d]) => d.kind === "aplic-m");
    return [
      { name: "P3_APLIC_BASE", value: hex(controller.base), comment: `interrupt controller: ${board.interruptController}, the supervisor domain` },
      { name: "P3_APLIC_SOURCES", value: String(controller.sources ?? 0) },
      ...(root ? [{ name: "P3_APLIC_M_BASE", value: hex(root[1].base), comment: `${root[0]}: the M stage delegates every source to the supervisor domain` }] : []),
    ];
  }
  return [
    { name: "P3_PLIC_BASE", value: hex(controller.base), comment: `interrupt controller: ${board.interruptController}` },
    {
      name: "P3_PLIC_CONTEXT(hart)",
      value: `((hart) * ${controller.contexts?.perHart ?? 1} + ${controller.contexts?.supervisor ?? 0})`,
      comment: "a hart's supervisor-mode context",
    },
  ];
}

function platformSources(system: System): string[] {
  const board = system.board;
  const used = [board.console, board.timer, board.interruptController, ...(board.exitDevice ? [board.exitDevice] : [])];
  // board-unsupported has checked each of these has a driver
  const sources = used.map((name) => driverSource(boardDevice(board, name).kind));
  return [...new Set(sources)].sort();
}

export function lower(system: System, plan: MemoryPlan, abi: Abi, options: LowerOptions): Model {
  const board = system.board;
  const rel = (to: string) => posix(path.relative(options.outDir, to));
  const specDir = path.dirname(options.specFile);
  const vcpus = lowerVcpus(system);
  const partitions = plan.partitions.map((placement, id) => lowerPartition(system, plan, placement, id, vcpus, abi, rel, specDir));
  if (partitions.length !== Object.keys(system.partitions).length) throw new Error("internal: the memory plan lost a partition");
  const partitionIds = new Map(partitions.map((p) => [p.name, p.id]));
  const channels = lowerChannels(system, plan, partitionIds);
  const irqRoutes = lowerIrqRoutes(system, partitions, vcpus);
  const consoleOwner = partitions.find((p) => p.sources.some((s) => s.kind === "SOURCE_CONSOLE"));

  const hypervisorEnd = plan.hypervisor.base + plan.hypervisor.size;
  const configDefines: Define[] = [
    { name: "P3_SYSTEM_NAME", value: cString(system.name) },
    { name: "P3_MODE_HYPERVISOR", value: "1", comment: "partitions run in VS-mode behind G-stage tables" },
    { name: "P3_MODE_MICROKERNEL", value: "0", comment: "partitions run in U-mode behind PMP" },
    { name: "P3_NUM_PARTITIONS", value: String(partitions.length) },
    { name: "P3_NUM_VCPUS", value: String(vcpus.length) },
    { name: "P3_NUM_CHANNELS", value: String(channels.length) },
    { name: "P3_NUM_IRQ_ROUTES", value: String(irqRoutes.length) },
    { name: "P3_NUM_HARTS", value: String(board.harts) },
    { name: "P3_CONSOLE_OWNER", value: consoleOwner ? String(consoleOwner.id) : "(-1)", comment: consoleOwner ? `${consoleOwner.name} reads console input` : "nobody reads console input" },
    { name: "P3_TIMEBASE_HZ", value: `${board.timebaseHz}ULL`, comment: "ticks per second of the time CSR" },
    { name: "P3_HAS_SSTC", value: board.isa.extensions.includes("sstc") ? "1" : "0", comment: "stimecmp and vstimecmp" },
    { name: "P3_HART_STACK_SIZE", value: String(HART_STACK_SIZE) },
    { name: "P3_STATUS_MAX_EXIT", value: String(SYSTEM_STATUS.MAX_EXIT), comment: "system status: exit codes above are reported as this" },
    { name: "P3_STATUS_FAULTED", value: String(SYSTEM_STATUS.FAULTED), comment: "system status: a partition was stopped by a fault" },
    { name: "P3_STATUS_PANIC", value: String(SYSTEM_STATUS.PANIC), comment: "system status: halted, or a hypervisor fault" },
    { name: "P3_FIRMWARE_BASE", value: hex(plan.hypervisor.base) },
    { name: "P3_FIRMWARE_END", value: hex(hypervisorEnd), comment: `the firmware must fit its ${formatSize(plan.hypervisor.size)} reserve` },
  ];

  const tableWords = encodeGstage(plan);
  return {
    banner: `Generated by Phase3 from the spec ${system.name} (${path.basename(options.specFile)}). Do not edit: change the spec and run phase3 build.`,
    system: { name: system.name },
    mode: "hypervisor",
    board: { name: board.name, march: board.isa.march, mabi: board.isa.mabi, description: board.description, xlen: board.isa.xlen },
    firmwareDir: rel(options.firmwareDir),
    platformSources: platformSources(system),
    configDefines,
    deviceDefines: deviceDefines(system),
    memoryMap: hostMemoryMap(plan, board),
    firmware: { base: hex(plan.hypervisor.base), reserve: formatSize(plan.hypervisor.size), end: hex(hypervisorEnd), ramEnd: hex(plan.end) },
    partitions,
    vcpus,
    harts: lowerHarts(system, vcpus),
    channels,
    irqRoutes,
    gstage: {
      base: hex(plan.tables.base),
      size: hex(plan.tables.size),
      words: plan.tables.size / 8,
      entries: tableWords.map((w) => ({ index: w.index, value: hex64(w.value), comment: w.comment })),
    },
    abi: lowerAbi(abi, board.isa.xlen),
    abiSource: abi,
  };
}
