/**
 * The lowered model: everything the templates print, already decided,
 * ordered and formatted. Templates only loop over it and substitute.
 */
import type { Abi } from "../load/read-abi.ts";
import type { ExecutionMode } from "../../../spec/system.ts";

export interface Define {
  name: string;
  value: string;
  comment?: string;
}

export interface RangeModel {
  guest: string;
  host: string;
  size: string;
  perms: string;
  what: string;
}

/** A wait source of a partition: the bit P3_MASK(id) of p3_wait. */
export interface SourceModel {
  id: number;
  /** SOURCE_CHANNEL_TX, ... */
  kind: string;
  /** Channel id or interrupt line. */
  index: number;
  /** The constant an app uses: P3_CHAN_SAMPLES, P3_IRQ_RTC, P3_CONSOLE. */
  constant: string;
  comment: string;
}

export interface SharedModel {
  id: number;
  constant: string;
  guest: string;
  size: string;
  access: string;
}

/** Part of a partition's initial memory that a restart copies back. */
export interface SegmentModel {
  symbol: string;
  dest: string;
  what: string;
}

export interface PartitionModel {
  id: number;
  name: string;
  kind: "PARTITION_APP" | "PARTITION_GUEST";
  isApp: boolean;
  firstVcpu: number;
  nvcpus: number;
  vmid: number;
  /** Hypervisor mode: its G-stage root and VMID, and the exceptions its guest handles. */
  hgatp?: string;
  hedeleg: string;
  /** Microkernel mode: the PMP entries that confine it. */
  pmp?: PmpModel;
  entry: string;
  bootArg: string;
  /** Where an app's image (or, running from flash, its data) goes in RAM, and the end it must stay below (the guard page, its device tree, or the end of its RAM). */
  ramBase: string;
  imageLimit: string;
  /** How large its image (what the firmware image carries for it) may be. */
  imageMaxBytes: string;
  /** Microkernel mode on a board that executes from code memory: the app's code window. */
  code?: { base: string; size: string; text: string };
  /** Bytes of RAM its image's data may use (ramBase to imageLimit). */
  ramImageBytes: string;
  stackTop: string;
  host: string;
  ramSize: string;
  ranges: RangeModel[];
  sources: SourceModel[];
  /** Bit mask of the sources whose readiness is a state (receive ends, console input). */
  dataSources: string;
  shared: SharedModel[];
  /** More constants for its header: channel sizes. */
  constants: Define[];
  /** App sources, relative to the build folder. */
  sources_c: string[];
  /** A guest image, copied into the build folder: its path there. */
  guestImage?: string;
  /** Where its image goes in host memory. */
  imageHost: string;
  restartable: boolean;
  segments: SegmentModel[];
  /** Its device tree (hypervisor mode): DTS lines, and where the blob goes (host). */
  deviceTree?: string[];
  dtbHost: string;
  onFault: string;
  maxRestarts: number;
  watchdogTicks: string;
  priority: number;
  budgetTicks: string;
  periodTicks: string;
  memoryMap: string[];
  /** Human-readable sizes for the report. */
  memoryText: string;
  stackText: string;
  hartList: string;
}

/** PMP entries as the CSRs take them. */
export interface PmpModel {
  used: number;
  /** pmpcfg register values, in register order. */
  cfgWords: string[];
  entries: { index: number; address: string; comment: string }[];
}

export interface VcpuModel {
  id: number;
  partition: number;
  partitionName: string;
  index: number;
  hart: number;
}

export interface WindowModel {
  vcpu: string;
  start: string;
  end: string;
  comment: string;
}

export interface HartModel {
  id: number;
  policy: string;
  vcpuIds: number[];
  /** "0, 1" */
  vcpuList: string;
  sliceTicks: string;
  majorFrameTicks: string;
  windows: WindowModel[];
  /** For the report: "round robin, 1ms slices" */
  description: string;
}

export interface ChannelModel {
  id: number;
  name: string;
  from: number;
  to: number;
  fromName: string;
  toName: string;
  fromSource: number;
  toSource: number;
  notify: number;
  msgSize: number;
  depth: number;
  host: string;
  guest: string;
}

export interface IrqRouteModel {
  line: number;
  hart: number;
  partition: string;
  source: number;
  comment: string;
}

export interface TableWordModel {
  index: number;
  value: string;
  comment: string;
}

export interface CallModel {
  name: string;
  NAME: string;
  fid: number;
  fast: boolean;
  noreturn: boolean;
  doc: string[];
  /** "const void *buf, size_t len", or "void" */
  cParams: string;
  /** the ecall variant and its arguments: "p3_ecall2(P3_FID_WRITE, (unsigned long)buf, (unsigned long)len)" */
  ecall: string;
  cReturn: string;
  returnsStatus: boolean;
  returnsAddress: boolean;
  returnsValue: boolean;
  /** How a "value" call's stub rebuilds its 64-bit result from a0 (and a1 on RV32). */
  valueExpression: string;
  /** hypervisor handler parameters, padded to five words plus the vCPU */
  handlerParams: string;
}

export interface Model {
  banner: string;
  system: { name: string };
  mode: ExecutionMode;
  /** For templates: whether hypervisor-only files and parts are printed. */
  isHypervisor: boolean;
  board: { name: string; march: string; mabi: string; description: string; xlen: number };
  /** Relative path from the build folder to firmware/. */
  firmwareDir: string;
  platformSources: string[];
  configDefines: Define[];
  deviceDefines: Define[];
  memoryMap: string[];
  firmware: {
    base: string;
    reserve: string;
    end: string;
    ramEnd: string;
    ramBytes: string;
    /** Where its code runs from code memory (microkernel mode, flash or IMEM): there. */
    code?: { base: string; reserve: string; bytes: string };
  };
  /** Where the pristine copies of restartable images start. */
  pristineBase: string;
  partitions: PartitionModel[];
  vcpus: VcpuModel[];
  harts: HartModel[];
  channels: ChannelModel[];
  irqRoutes: IrqRouteModel[];
  /** Hypervisor mode's G-stage tables. */
  gstage?: { base: string; size: string; words: number; entries: TableWordModel[] };
  abi: {
    extensionId: string;
    version: number;
    fidLimit: number;
    errors: { name: string; value: number; doc: string }[];
    calls: CallModel[];
    /** RV32 passes 64-bit arguments in two registers. */
    wideArguments: boolean;
  };
  /** The Abi as read, for the docs page. */
  abiSource: Abi;
}
