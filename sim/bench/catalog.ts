/**
 * What the figures mean, for people: a label per figure name, the section of
 * the table it goes in, and which bare-metal floor (bench/floor) it is
 * compared with in each mode. A figure not listed here is still measured and
 * shown, under its own name; listing it only gives it words and a floor.
 */
import type { ExecutionMode } from "../../spec/system.ts";

export type Section = "boot" | "calls" | "scheduling" | "messages" | "interrupts" | "faults" | "work" | "other";

export const SECTION_TITLES: Record<Section, string> = {
  boot: "Boot",
  calls: "Calls",
  scheduling: "Scheduling",
  messages: "Messages (64 bytes)",
  interrupts: "Timers and interrupts",
  faults: "Faults",
  work: "A partition's own work",
  other: "Other",
};

/** Which hardware cost a figure sits on top of. */
export type FloorKind = "call" | "timer-call" | "timer-direct" | "device-irq" | "workload";

/** The floor figure (bench/floor) for each kind, per mode; none where the mode has no such path yet. */
export const FLOOR_FOR: Record<FloorKind, Partial<Record<ExecutionMode, string>>> = {
  call: { hypervisor: "vs_ecall_roundtrip", microkernel: "u_ecall_roundtrip" },
  "timer-call": { hypervisor: "vs_ecall_timer_interrupt" },
  "timer-direct": { hypervisor: "vs_timer_interrupt" },
  "device-irq": { hypervisor: "hs_device_interrupt" },
  workload: { hypervisor: "workload_bare", microkernel: "workload_bare" },
};

export interface FigureInfo {
  label: string;
  section: Section;
  floor?: FloorKind;
  /** The floor is the same work bare metal: the table shows the figure's rate as a share of the floor's. */
  share?: boolean;
}

/** In table order. A key "<bench>/<name>" or "<bench>.<variant>/<name>" words one benchmark's figure apart from the same name elsewhere. */
export const FIGURES: Record<string, FigureInfo> = {
  boot: { label: "reset to the first partition instruction", section: "boot" },
  null_hypercall: { label: "null hypercall (`p3_version`)", section: "calls", floor: "call" },
  now: { label: "`p3_now`", section: "calls", floor: "call" },
  write_1_byte_no_newline: { label: "`p3_write` of 1 byte (line buffered)", section: "calls", floor: "call" },
  bad_pointer_rejected: { label: "`p3_write` of memory not the partition's (refused)", section: "calls", floor: "call" },
  wait_nothing_ready_past_deadline: { label: "`p3_wait`, nothing ready, deadline past", section: "calls", floor: "call" },
  sbi_get_spec_version: { label: "SBI call from a bare guest: BASE get_spec_version", section: "calls", floor: "call" },
  sbi_set_timer: { label: "SBI call from a bare guest: TIME set_timer", section: "calls", floor: "call" },
  partition_switch: { label: "partition switch on one hart (`p3_yield` to a partition that yields back)", section: "scheduling" },
  send_64_copy: { label: "`p3_send`, copy", section: "messages", floor: "call" },
  recv_64_copy: { label: "`p3_recv`, copy", section: "messages", floor: "call" },
  oneway_64_copy: { label: "one way, copy: before `p3_send` to the receiver holding it", section: "messages" },
  oneway_64_zero_copy: { label: "one way, zero copy (reserve/commit, peek/release)", section: "messages" },
  roundtrip_64_copy: { label: "round trip, copy", section: "messages" },
  roundtrip_64_zero_copy: { label: "round trip, zero copy", section: "messages" },
  notify_to_wakeup: { label: "`p3_notify` to the other end returning from `p3_wait`", section: "messages" },
  timer_sbi_to_handler: { label: "timer: SBI set_timer for now to the guest's handler", section: "interrupts", floor: "timer-call" },
  timer_stimecmp_to_handler: { label: "timer: guest writes stimecmp for now to its handler", section: "interrupts", floor: "timer-direct" },
  device_irq_to_wakeup: { label: "device interrupt (RTC alarm) to its owner returning from `p3_wait`", section: "interrupts", floor: "device-irq" },
  "irq/device_irq_to_wakeup": { label: "device interrupt (RTC alarm) to its owner returning from `p3_wait`, hart idle", section: "interrupts", floor: "device-irq" },
  "irq-preempt/device_irq_to_wakeup": {
    label: "device interrupt (RTC alarm) to its owner returning from `p3_wait`, preempting a lower-priority partition",
    section: "interrupts",
    floor: "device-irq",
  },
  workload_in_partition: {
    label: "a compute-bound workload (bench/common/workload.h) as a partition beside an idle one, 1 ms slices",
    section: "work",
    floor: "workload",
    share: true,
  },
  fault_to_restart: { label: "fault to the restarted partition's first instruction (image reloaded from its pristine copy)", section: "faults" },
};

/** Figures another branch is adding: named in the table until they are measured. */
export const PENDING: { bench: string; label: string; section: Section }[] = [];

export const FLOOR_LABELS: Record<string, string> = {
  calibration_4_nops: "calibration: four `nop`s (must be 4)",
  vs_ecall_roundtrip: "VS→HS→VS `ecall`, minimal handler (csrr sepc; addi; csrw sepc; sret)",
  vs_ecall_roundtrip_as_called: "the same, with the two register set-ups of a Phase3 call (`li a6`, `mv a7`)",
  s_ecall_roundtrip: "HS→M→HS `ecall`, minimal handler",
  u_ecall_roundtrip: "U→M→U `ecall`, minimal handler (microkernel mode's call)",
  vs_ecall_timer_interrupt: "VS `ecall`, HS makes vstimecmp due, to VS's timer handler",
  vs_timer_interrupt: "VS writes stimecmp for now, to its timer handler",
  hs_device_interrupt: "RTC alarm to HS's handler, hart in `wfi`",
  workload_bare: "the workload of bench/common/workload.h in M-mode, no interrupts",
};

/** The most specific entry for a figure of a run: "irq.aplic/x", then "irq/x", then "x". */
function keyOf(name: string, run = ""): string | undefined {
  const bench = run.split(".")[0];
  return [`${run}/${name}`, `${bench}/${name}`, name].find((k) => FIGURES[k] !== undefined);
}

export function infoOf(name: string, run?: string): FigureInfo {
  const key = keyOf(name, run);
  return key ? FIGURES[key] : { label: name, section: "other" };
}

/** Where a figure sorts: by section, then catalog order (of its plain name), then name. */
export function orderOf(name: string, run?: string): [number, number, string] {
  const sections = Object.keys(SECTION_TITLES);
  const names = Object.keys(FIGURES);
  const index = names.indexOf(name);
  return [sections.indexOf(infoOf(name, run).section), index < 0 ? names.length : index, name];
}
