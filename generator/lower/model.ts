/**
 * The lowered model: everything the templates print, already decided,
 * ordered and formatted. Templates only loop over it and substitute.
 */
import type { Abi } from "../abi/read-abi.ts";

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

export interface PartitionModel {
  id: number;
  name: string;
  hart: number;
  vmid: number;
  hgatp: string;
  entry: string;
  /** Guest-physical base and the end of the part an image may use (below the guard page). */
  ramBase: string;
  imageLimit: string;
  imageMaxBytes: string;
  stackTop: string;
  host: string;
  ranges: RangeModel[];
  /** App sources, relative to the build folder. */
  sources: string[];
  memoryMap: string[];
  /** Human-readable sizes for the report. */
  memoryText: string;
  stackText: string;
}

export interface HartModel {
  id: number;
  partitionIds: number[];
  /** "0, 1" */
  partitionList: string;
  quantumTicks: string;
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
  /** Returns only an error code (Result<void>). */
  returnsStatus: boolean;
  /** hypervisor handler parameters, padded to five words plus the vCPU */
  handlerParams: string;
}

export interface Model {
  banner: string;
  system: { name: string };
  mode: "hypervisor";
  board: { name: string; march: string; mabi: string; description: string };
  /** Relative path from the build folder to firmware/. */
  firmwareDir: string;
  platformSources: string[];
  configDefines: Define[];
  deviceDefines: Define[];
  memoryMap: string[];
  firmware: { base: string; reserve: string; end: string };
  partitions: PartitionModel[];
  harts: HartModel[];
  gstage: { base: string; size: string; words: number; entries: TableWordModel[] };
  abi: {
    extensionId: string;
    version: number;
    fidLimit: number;
    errors: { name: string; value: number; doc: string }[];
    calls: CallModel[];
  };
  /** The Abi as read, for the docs page. */
  abiSource: Abi;
}
