/**
 * The lowered model: everything the generated files and the reports print,
 * already decided, ordered and formatted. It is the only source of ids,
 * placement and the memory map: the templates, report.txt, the SVG and the
 * docs only loop over it and substitute.
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
  /** Human-readable sizes for the report. */
  memoryText: string;
  stackText: string;
  hartList: string;
  /** For people (report.txt, the SVG). */
  harts: number[];
  memoryBytes: number;
  stackBytes: number;
  hostAddress: number;
  /** "app ping.c" or "guest image u-boot.bin" */
  runs: string;
  /** "stop", "halt", "restart (3 times)" */
  faultText: string;
  watchdogText?: string;
  specPriority?: number;
  /** "2ms per 10ms" */
  budgetText?: string;
  consoleInput: boolean;
  devices: string[];
  view: GuestViewModel;
  /** Where its image may go: RAM (below its stack guard, or beside its stack), and its code window where code runs from code memory. */
  imageRam: SpanModel;
  imageCode?: SpanModel;
}

/** One block of a memory map, [start, end). */
export interface MapRowModel {
  start: number;
  end: number;
  /** "partition ping", "free", "reserved: QEMU writes its device tree here at reset" */
  what: string;
}

/** A memory and every block of it, in address order, gaps included as "free". */
export interface MemoryMapModel {
  /** "Host physical memory: 64M of RAM at 0x80000000" */
  title: string;
  base: number;
  size: number;
  rows: MapRowModel[];
}

/** What a partition can reach: its guest-physical view, or what its PMP entries cover. */
export interface GuestViewModel {
  title: string;
  rows: { start: number; end: number; access: string; what: string; host: string }[];
}

/** A board device and who uses it. */
export interface DeviceModel {
  name: string;
  kind: string;
  base: number;
  size: number;
  irqs: readonly number[];
  /** A partition's name, "firmware (console)" and the like, or undefined when nobody uses it. */
  owner?: string;
  ownerIsPartition: boolean;
}

export interface RegionModel {
  name: string;
  size: number;
  host: string;
  guest: string;
  users: { partition: string; access: string }[];
}

/** A hart's schedule, for people. */
export type ScheduleViewModel =
  | { kind: "round-robin"; slice: string; partitions: string[] }
  | { kind: "windows"; majorFrame: string; windows: { partition: string; start: string; length: string }[]; idle: string }
  | { kind: "priority"; partitions: { name: string; priority: number; budget?: string }[] };

/** A range of addresses. */
export interface SpanModel {
  base: number;
  size: number;
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
  /** The partitions it runs, by name, in spec order. */
  partitionNames: string[];
  schedule: ScheduleViewModel;
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
  /** Bytes of its buffer, page-rounded as placed. */
  bufferSize: number;
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
  /** "hypervisor" or "kernel": what runs the machine, as the report names it. */
  kernelName: string;
  /** Relative path from the build folder to firmware/. */
  firmwareDir: string;
  platformSources: string[];
  configDefines: Define[];
  deviceDefines: Define[];
  /** The memory maps: host RAM, code memory where the board executes in place. */
  memory: { host: MemoryMapModel; code?: MemoryMapModel };
  /** The maps and the devices drawn for p3_config.h's comment. */
  memoryDrawing: string[];
  devices: DeviceModel[];
  regions: RegionModel[];
  /** The firmware's own RAM, and its code memory where it executes in place. */
  firmwareSpans: { ram: SpanModel; code?: SpanModel };
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
