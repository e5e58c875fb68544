/**
 * The isolation checker: reads a built firmware ELF and proves, from the
 * G-stage tables the harts will walk, that every partition reaches exactly
 * what its spec grants (prove.ts says what that is), independently of the
 * generator's own placement code.
 *
 *     const report = checkIsolation("build/hello.elf", system);
 *     if (report.problems.length) console.log(formatIsolation(report));
 */
import fs from "node:fs";
import type { System } from "../../spec/system.ts";
import { factsFromElf } from "./facts.ts";
import { proveIsolation, type IsolationReport } from "./prove.ts";

export { factsFromElf, segmentReader, type FirmwareFacts } from "./facts.ts";
export { formatIsolation, proveIsolation, type IsolationReport, type PartitionReach } from "./prove.ts";
export { mergeLeaves, walkSv39x4, type GstageLeaf, type GstageWalk, type Reach } from "./sv39x4.ts";

export function checkIsolation(elf: string | Uint8Array, system: System): IsolationReport {
  const bytes = typeof elf === "string" ? fs.readFileSync(elf) : elf;
  const facts = factsFromElf(bytes, Object.keys(system.partitions), typeof elf === "string" ? elf : "firmware.elf");
  return proveIsolation(system, facts);
}
