/**
 * What `phase3 run --gdb` prints: the exact gdb commands for the hypervisor
 * and for each partition, and why they are separate.
 *
 * In hypervisor mode every partition's app is linked at the same
 * guest-physical address (0x80000000 on QEMU virt), and the hypervisor
 * itself runs at that host-physical address. gdb sees one address space at a
 * time (whatever the hart is running), so one session loads one ELF: loading
 * them together would make gdb name every address twice. A breakpoint is an
 * address too, so it fires wherever that address runs; the partition's VMID,
 * in the hgatp CSR while it runs, tells its code from everyone else's.
 */
import path from "node:path";
import type { Model } from "../pipeline/lower/model.ts";
import { PHASE3_ROOT } from "../root.ts";
import type { Tool } from "../toolchain/resolve.ts";
import { shellQuote, shown } from "../terminal.ts";

export interface GdbHintInput {
  model: Model;
  xlen: 32 | 64;
  outDir: string;
  elf: string;
  port: number;
  gdb?: Tool;
}

export interface GdbCommand {
  /** "the hypervisor" or "partition ping" */
  what: string;
  command: string;
}

/** The gdb executable as a person types it: its name when it is on PATH, else its full path. */
function gdbName(gdb?: Tool): string {
  if (!gdb) return "gdb-multiarch";
  return gdb.source === "system" ? path.basename(gdb.path) : gdb.path;
}

/** The condition that holds only while the partition with this VMID runs (hgatp.VMID). */
export function vmidCondition(vmid: number, xlen: 32 | 64): string {
  return xlen === 64 ? `($hgatp >> 44 & 0x3fff) == ${vmid}` : `($hgatp >> 22 & 0x7f) == ${vmid}`;
}

export function gdbCommands(input: GdbHintInput): GdbCommand[] {
  const gdb = gdbName(input.gdb);
  // Sources are compiled from the build folder (../ping.c): gdb finds them through it.
  const session = (elf: string) =>
    [gdb, "-q", shellQuote(shown(elf)), "-ex", shellQuote(`directory ${shown(input.outDir)}`), "-ex", shellQuote(`target remote localhost:${input.port}`)].join(" ");
  return [
    { what: "the hypervisor (M stage and HS-mode)", command: session(input.elf) },
    ...input.model.partitions.map((p) => ({
      what: `partition ${p.name} (VMID ${p.vmid})`,
      command: session(path.join(input.outDir, "out", "app", p.name, `${p.name}.elf`)),
    })),
  ];
}

function overlapsHypervisor(model: Model): boolean {
  const base = BigInt(model.firmware.base);
  const end = BigInt(model.firmware.end);
  return model.partitions.some((p) => BigInt(p.ramBase) < end && BigInt(p.stackTop) > base);
}

/** The whole hint, as lines. */
export function gdbHint(input: GdbHintInput): string[] {
  const lines = [`QEMU is waiting for a debugger on localhost:${input.port}, before the first instruction. In another terminal, debug`];
  for (const c of gdbCommands(input)) lines.push(`  ${c.what}:`, `    ${c.command}`);
  const first = input.model.partitions[0];
  if (first) {
    const base = first.ramBase;
    lines.push(
      "",
      `Partitions are linked at guest-physical ${base}${overlapsHypervisor(input.model) ? ", where the hypervisor's own code sits in host memory" : ""},`,
      "so load one ELF per gdb session. A breakpoint fires wherever its address runs; to stop only in",
      `partition ${first.name}, give it a condition on the VMID:  break main if ${vmidCondition(first.vmid, input.xlen)}`,
      `Quitting gdb lets the system run on; Ctrl-C here stops QEMU. More in ${shown(path.join(PHASE3_ROOT, "docs", "troubleshooting.md"))}.`,
    );
  }
  return lines;
}
