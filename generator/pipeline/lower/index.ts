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
import type { Abi } from "../load/read-abi.ts";
import type { MemoryPlan } from "../../../spec/layout/index.ts";
import { boardDevice } from "../../../spec/boards/profile.ts";
import type { System } from "../../../spec/system.ts";
import { formatSize, parseSize } from "../../../spec/units.ts";
import { SYSTEM_STATUS } from "../../../spec/abi/status.ts";
import { lowerAbi } from "./abi.ts";
import { constantName, cString, hex, hex64, posix } from "./format.ts";
import { encodeGstage } from "./gstage.ts";
import { codeMemory, drawMap, hostMemory, kernelName } from "./memory-map.ts";
import type { ChannelModel, Define, IrqRouteModel, Model, PartitionModel, RegionModel, VcpuModel } from "./model.ts";
import { lowerPartition, lowerVcpus } from "./partitions.ts";
import { deviceDefines, deviceLine, lowerDevices, platformSources } from "./platform.ts";
import { lowerHarts } from "./schedule.ts";
import { channelIds, sourcesOf } from "./sources.ts";

export interface LowerOptions {
  /** Absolute path of the spec file. */
  specFile: string;
  /** Absolute path of the build folder. */
  outDir: string;
  /** Absolute path of firmware/. */
  firmwareDir: string;
}

/** Bytes of stack each hart's firmware runs on: the hypervisor walks guest
 * page tables and serves SBI; the microkernel's deepest path is a fault report. */
export const HART_STACK_SIZE = { hypervisor: 4096, microkernel: 1024 } as const;


function lowerChannels(system: System, plan: MemoryPlan, partitionIds: Map<string, number>): ChannelModel[] {
  const ids = channelIds(system);
  return Object.entries(system.channels ?? {}).map(([name, channel]) => {
    const placed = plan.shared.find((s) => s.kind === "channel" && s.name === name)!;
    const fromSource = sourcesOf(system, channel.from).find((s) => s.constant === `P3_CHAN_${constantName(name)}`)!;
    const toSource = sourcesOf(system, channel.to).find((s) => s.constant === `P3_CHAN_${constantName(name)}`)!;
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
      bufferSize: placed.size,
    };
  });
}

function lowerRegions(system: System, plan: MemoryPlan): RegionModel[] {
  return Object.entries(system.shared ?? {}).map(([name, region]) => {
    const placed = plan.shared.find((s) => s.kind === "region" && s.name === name)!;
    const users = Object.entries(region.access as Record<string, string>).map(([partition, access]) => ({ partition, access }));
    return { name, size: placed.size, host: hex(placed.host), guest: hex(placed.guest), users };
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

  const mode = plan.mode;
  const microkernel = mode === "microkernel";
  const firmwareEnd = plan.firmware.base + plan.firmware.size;
  const code = plan.firmwareCode;
  const configDefines: Define[] = [
    { name: "P3_SYSTEM_NAME", value: cString(system.name) },
    { name: "P3_MODE_HYPERVISOR", value: microkernel ? "0" : "1", comment: "partitions run in VS-mode behind G-stage tables" },
    { name: "P3_MODE_MICROKERNEL", value: microkernel ? "1" : "0", comment: "partitions run in U-mode behind PMP" },
    { name: "P3_NUM_PARTITIONS", value: String(partitions.length) },
    { name: "P3_NUM_VCPUS", value: String(vcpus.length) },
    { name: "P3_NUM_CHANNELS", value: String(channels.length) },
    { name: "P3_NUM_IRQ_ROUTES", value: String(irqRoutes.length) },
    { name: "P3_NUM_HARTS", value: String(board.harts) },
    { name: "P3_CONSOLE_OWNER", value: consoleOwner ? String(consoleOwner.id) : "(-1)", comment: consoleOwner ? `${consoleOwner.name} reads console input` : "nobody reads console input" },
    { name: "P3_TIMEBASE_HZ", value: `${board.timebaseHz}ULL`, comment: microkernel ? "ticks per second of the timer's time base" : "ticks per second of the time CSR" },
    { name: "P3_HAS_S", value: board.isa.extensions.includes("s") ? "1" : "0", comment: "the harts have supervisor mode" },
    ...(microkernel
      ? [{ name: "P3_PMP_ENTRIES", value: String(board.pmp?.entries ?? 0), comment: "PMP entries each hart has" }]
      : [{ name: "P3_HAS_SSTC", value: board.isa.extensions.includes("sstc") ? "1" : "0", comment: "stimecmp and vstimecmp" }]),
    { name: "P3_HART_STACK_SIZE", value: String(HART_STACK_SIZE[mode]) },
    { name: "P3_STATUS_MAX_EXIT", value: String(SYSTEM_STATUS.MAX_EXIT), comment: "system status: exit codes above are reported as this" },
    { name: "P3_STATUS_FAULTED", value: String(SYSTEM_STATUS.FAULTED), comment: "system status: a partition was stopped by a fault" },
    { name: "P3_STATUS_PANIC", value: String(SYSTEM_STATUS.PANIC), comment: "system status: halted, or a firmware fault" },
    { name: "P3_FIRMWARE_BASE", value: hex(plan.firmware.base) },
    { name: "P3_FIRMWARE_END", value: hex(firmwareEnd), comment: `the firmware must fit its ${formatSize(plan.firmware.size)} reserve` },
  ];

  const tableWords = microkernel ? [] : encodeGstage(plan);
  const devices = lowerDevices(board, partitions);
  const memory = { host: hostMemory(plan, board), code: codeMemory(plan, board) };
  return {
    banner: `Generated by Phase3 from the spec ${system.name} (${path.basename(options.specFile)}). Do not edit: change the spec and run phase3 build.`,
    system: { name: system.name },
    mode,
    isHypervisor: !microkernel,
    board: { name: board.name, march: board.isa.march, mabi: board.isa.mabi, description: board.description, xlen: board.isa.xlen },
    kernelName: kernelName(plan),
    firmwareDir: rel(options.firmwareDir),
    platformSources: platformSources(board),
    configDefines,
    deviceDefines: deviceDefines(board, devices, mode),
    memory,
    memoryDrawing: [...drawMap(memory.host), ...(memory.code ? ["", ...drawMap(memory.code)] : []), "", `Devices of ${board.name}`, "", ...devices.map(deviceLine)],
    devices,
    regions: lowerRegions(system, plan),
    firmwareSpans: { ram: { ...plan.firmware }, code: plan.firmwareCode ? { ...plan.firmwareCode } : undefined },
    firmware: {
      base: hex(plan.firmware.base),
      reserve: formatSize(plan.firmware.size),
      end: hex(firmwareEnd),
      ramEnd: hex(plan.end),
      code: code ? { base: hex(code.base), reserve: formatSize(code.size), bytes: String(code.size) } : undefined,
      ramBytes: String(plan.firmware.size),
    },
    pristineBase: hex(plan.pristine.base),
    partitions,
    vcpus,
    harts: lowerHarts(system, vcpus, partitions),
    channels,
    irqRoutes,
    gstage: microkernel
      ? undefined
      : {
          base: hex(plan.tables.base),
          size: hex(plan.tables.size),
          words: plan.tables.size / 8,
          entries: tableWords.map((w) => ({ index: w.index, value: hex64(w.value), comment: w.comment })),
        },
    abi: lowerAbi(abi, board.isa.xlen),
    abiSource: abi,
  };
}
