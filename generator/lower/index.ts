/**
 * Lowering: a validated system and its memory plan become the model the
 * templates print. All ordering, id assignment and number formatting
 * happens here, once:
 *
 *   - partitions keep spec order; partition id = position, VMID = id + 1;
 *   - each hart lists its partitions in spec order;
 *   - devices are sorted by address; defines by name within a group.
 */
import path from "node:path";
import type { Abi, AbiCall } from "../abi/read-abi.ts";
import type { MemoryPlan } from "../../spec/layout.ts";
import type { DeviceKind } from "../../spec/boards/profile.ts";
import { hartsOf, type System } from "../../spec/system.ts";
import { formatSize } from "../../spec/units.ts";
import { encodeGstage, hgatpFor } from "./gstage.ts";
import { guestMemoryMap, hostMemoryMap } from "./memory-map.ts";
import { cString, hex, hex64, posix } from "./format.ts";
import { SYSTEM_STATUS } from "../../sim/exit.ts";
import type { CallModel, Define, Model, PartitionModel } from "./model.ts";

export interface LowerOptions {
  /** Absolute path of the spec file. */
  specFile: string;
  /** Absolute path of the build folder. */
  outDir: string;
  /** Absolute path of firmware/. */
  firmwareDir: string;
}

/** Each partition gets this much time before the next on its hart runs. */
export const DEFAULT_QUANTUM_NS = 1_000_000;
export const HART_STACK_SIZE = 4096;
export const CONSOLE_BAUD = 115_200;

/** The driver source for each kind of device the firmware needs a driver for. */
const DRIVERS: Partial<Record<DeviceKind, string>> = {
  ns16550: "platform/ns16550.c",
  "sifive-test": "platform/sifive_test.c",
  clint: "platform/clint.c",
};

const upper = (name: string) => name.toUpperCase();

function lowerCall(call: AbiCall): CallModel {
  const args = call.params.map((p) => `(unsigned long)${p.name}`);
  const unused = Array.from({ length: 5 - call.params.length }, (_, i) => `p3_word unused${call.params.length + i} P3_UNUSED`);
  return {
    name: call.name,
    NAME: upper(call.name),
    fid: call.fid,
    fast: call.fast,
    noreturn: call.noreturn,
    doc: call.doc,
    cParams: call.params.length ? call.params.map((p) => `${p.cType}${p.cType.endsWith("*") ? "" : " "}${p.name}`).join(", ") : "void",
    ecall: `p3_ecall${call.params.length}(${[`P3_FID_${upper(call.name)}`, ...args].join(", ")})`,
    cReturn: call.noreturn ? "void" : call.returns.cType,
    returnsStatus: call.returns.kind === "status",
    handlerParams: [...call.params.map((p) => `p3_word ${p.name}`), ...unused, "struct vcpu *self P3_UNUSED"].join(", "),
  };
}

function deviceDefines(system: System): Define[] {
  const board = system.board;
  const defines: Define[] = Object.entries(board.devices)
    .sort(([, a], [, b]) => a.base - b.base)
    .map(([name, d]) => ({ name: `P3_${upper(name)}_BASE`, value: hex(d.base), comment: `${d.kind}, ${formatSize(d.size)}` }));
  const consoleDevice = board.devices[board.console];
  defines.push(
    { name: "P3_CONSOLE_BASE", value: hex(consoleDevice.base), comment: `console: ${board.console}` },
    { name: "P3_CONSOLE_REG_SHIFT", value: String(consoleDevice.regShift ?? 0) },
    { name: "P3_CONSOLE_CLOCK_HZ", value: String(consoleDevice.clockHz ?? 0) },
    { name: "P3_CONSOLE_BAUD", value: String(CONSOLE_BAUD) },
    { name: "P3_TIMER_BASE", value: hex(board.devices[board.timer].base), comment: `timer and IPIs: ${board.timer}` },
  );
  if (board.exitDevice) defines.push({ name: "P3_EXIT_BASE", value: hex(board.devices[board.exitDevice].base), comment: `run exit: ${board.exitDevice}` });
  return defines;
}

function platformSources(system: System): string[] {
  const board = system.board;
  const used = [board.console, board.timer, ...(board.exitDevice ? [board.exitDevice] : [])];
  const sources = used.map((name) => {
    const kind = board.devices[name].kind;
    const driver = DRIVERS[kind];
    if (!driver) throw new Error(`no driver for ${kind} (device ${name} of board ${board.name})`);
    return driver;
  });
  return [...new Set(sources)].sort();
}

export function lower(system: System, plan: MemoryPlan, abi: Abi, options: LowerOptions): Model {
  const board = system.board;
  const rel = (to: string) => posix(path.relative(options.outDir, to));
  const specDir = path.dirname(options.specFile);
  const names = Object.keys(system.partitions);

  const partitions: PartitionModel[] = plan.partitions.map((placement, id) => {
    const spec = system.partitions[placement.name];
    const apps = spec.app === undefined ? [] : typeof spec.app === "string" ? [spec.app] : [...spec.app];
    return {
      id,
      name: placement.name,
      hart: hartsOf(spec)[0],
      vmid: id + 1,
      hgatp: hex64(hgatpFor(placement, id + 1)),
      entry: hex(placement.guest),
      ramBase: hex(placement.guest),
      imageLimit: hex(placement.guard),
      imageMaxBytes: String(placement.guard - placement.guest),
      stackTop: hex(placement.stackTop),
      host: hex(placement.host),
      ranges: placement.mappings.map((m) => ({ guest: hex(m.guest), host: hex(m.host), size: hex(m.size), perms: m.perms.split("").map((c) => `PERM_${c.toUpperCase()}`).join(" | "), what: m.what })),
      sources: apps.map((a) => rel(path.resolve(specDir, a))),
      memoryMap: guestMemoryMap(plan, placement.name),
      memoryText: formatSize(placement.size),
      stackText: formatSize(placement.stackSize),
    };
  });
  if (partitions.length !== names.length) throw new Error("internal: the memory plan lost a partition");

  const quantumTicks = Math.max(1, Math.round((DEFAULT_QUANTUM_NS * board.timebaseHz) / 1e9));
  const harts = Array.from({ length: board.harts }, (_, id) => {
    const partitionIds = partitions.filter((p) => p.hart === id).map((p) => p.id);
    return { id, partitionIds, partitionList: partitionIds.join(", "), quantumTicks: String(quantumTicks) };
  });

  const hypervisorEnd = plan.hypervisor.base + plan.hypervisor.size;
  const configDefines: Define[] = [
    { name: "P3_SYSTEM_NAME", value: cString(system.name) },
    { name: "P3_MODE_HYPERVISOR", value: "1", comment: "partitions run in VS-mode behind G-stage tables" },
    { name: "P3_NUM_PARTITIONS", value: String(partitions.length) },
    { name: "P3_NUM_HARTS", value: String(board.harts) },
    { name: "P3_TIMEBASE_HZ", value: String(board.timebaseHz), comment: "ticks per second of the time CSR" },
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
    board: { name: board.name, march: board.isa.march, mabi: board.isa.mabi, description: board.description },
    firmwareDir: rel(options.firmwareDir),
    platformSources: platformSources(system),
    configDefines,
    deviceDefines: deviceDefines(system),
    memoryMap: hostMemoryMap(plan, board),
    firmware: { base: hex(plan.hypervisor.base), reserve: formatSize(plan.hypervisor.size), end: hex(hypervisorEnd) },
    partitions,
    harts,
    gstage: {
      base: hex(plan.tables.base),
      size: hex(plan.tables.size),
      words: plan.tables.size / 8,
      entries: tableWords.map((w) => ({ index: w.index, value: hex64(w.value), comment: w.comment })),
    },
    abi: {
      extensionId: hex(abi.extensionId),
      version: abi.version,
      fidLimit: abi.fidLimit,
      errors: abi.errors.map((e) => ({ name: e.name === "OK" ? "P3_OK" : `P3_ERR_${e.name}`, value: e.value, doc: e.doc })),
      calls: abi.calls.map(lowerCall),
    },
    abiSource: abi,
  };
}

