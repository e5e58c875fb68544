/**
 * The isolation checker: reads a built firmware ELF and proves, from what the
 * harts will enforce, that every partition reaches exactly what its spec
 * grants, independently of the generator's own placement code: the G-stage
 * tables in hypervisor mode (prove.ts), the PMP entries the kernel loads in
 * microkernel mode (pmp.ts).
 *
 *     const report = checkIsolation("build/hello.elf", system);
 *     if (report.problems.length) console.log(formatIsolation(report));
 */
import fs from "node:fs";
import { executionMode, type System } from "../../spec/system.ts";
import { factsFromElf, pmpFactsFromElf } from "./facts.ts";
import { provePmp } from "./pmp.ts";
import { proveIsolation, type IsolationReport } from "./prove.ts";

export { factsFromElf, pmpFactsFromElf, segmentReader, type FirmwareFacts, type PartitionPmp, type PmpFacts } from "./facts.ts";
export { decodePmp, pmpReach, provePmp, type DecodedEntry, type PmpPartitionReach, type PmpRange } from "./pmp.ts";
export { formatIsolation, proveIsolation, type IsolationReport, type PartitionReach } from "./prove.ts";
export { mergeLeaves, walkSv39x4, type GstageLeaf, type GstageWalk, type Reach } from "./sv39x4.ts";

export function checkIsolation(elf: string | Uint8Array, system: System): IsolationReport {
  const bytes = typeof elf === "string" ? fs.readFileSync(elf) : elf;
  const file = typeof elf === "string" ? elf : "firmware.elf";
  if (executionMode(system) === "microkernel") return provePmp(system, pmpFactsFromElf(bytes, system, file));
  return proveIsolation(system, factsFromElf(bytes, Object.keys(system.partitions), file));
}
