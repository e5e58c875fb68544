/**
 * Where everything goes in memory, decided once from the spec.
 *
 * The validator uses this plan to say whether a system fits; the generator
 * uses the same plan to emit addresses, G-stage page tables and PMP entries.
 * Nothing here encodes page-table bits (that is generator/pipeline/lower/gstage.ts);
 * it decides placement, page sizes and which PMP entries a partition needs.
 *
 * Each execution mode has its own planner:
 *
 *   hypervisor.ts   partitions behind G-stage tables, each in its own
 *                   guest-physical space
 *   microkernel.ts  partitions behind PMP, at their physical addresses
 *
 * plan.ts holds what both share: the plan's shape and the helpers.
 */
import { executionMode, type System } from "../system.ts";
import { planHypervisor } from "./hypervisor.ts";
import { planMicrokernel } from "./microkernel.ts";
import type { PlanResult } from "./plan.ts";

export * from "./plan.ts";
export { pmpEntries, pmpConfigByte, type PmpEntry } from "./pmp.ts";

/**
 * Places the firmware, each partition, shared memory and whatever enforces
 * isolation (page tables or PMP entries) in the board's memory.
 * Partitions whose sizes are invalid are skipped (other rules report them).
 */
export function planMemory(system: System): PlanResult {
  return executionMode(system) === "microkernel" ? planMicrokernel(system) : planHypervisor(system);
}

