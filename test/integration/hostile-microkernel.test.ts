/**
 * The hostile-partition suite in microkernel mode (test/hostile/microkernel/):
 * U-mode partitions attack an M-mode kernel and each other on QEMU virt
 * without the H extension, beside two well-behaved pairs exchanging
 * checksummed messages, on one hart and across two. Two systems, because
 * the kernel's fixed 64K does not hold the state of every attacker at once:
 * memory.ts (memory, devices, calls with bad pointers) and privileged.ts
 * (privileged state, instructions, wfi, time, floods).
 *
 * Each attack must be contained (a fault and its policy, or error codes), no
 * message may be lost or altered, the kernel must never fault, and the last
 * attacker's `halt` policy must end each system with status 127. Last, the
 * hypercall fuzzer's U-mode twin (test/hostile/microkernel/fuzzer.c) makes
 * 100,000 random calls.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSections, readSymbols, type ElfSymbol } from "../../generator/images/elf.ts";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";
import type { RunResult } from "../../sim/qemu.ts";
import { checkIsolation, formatIsolation } from "../../sim/isolation/index.ts";
import { runImage } from "../../sim/qemu.ts";
import { boot, buildOrThrow, buildSpec, transcript, type Built } from "../build.ts";
import { outDir, ROOT } from "../helpers.ts";
import { fuzzProblems, seedFromEnv, writeFuzzConfig } from "../hostile/run-fuzz.ts";

const HOSTILE = path.join(ROOT, "test", "hostile", "microkernel");
const ATTACKER = fs.readFileSync(path.join(HOSTILE, "attacker.c"), "utf8");
const TAIL = fs.readFileSync(path.join(HOSTILE, "tail.c"), "utf8");

/** A constant of attacker.c: `#define NAME 0x...UL`. */
function define(name: string): number {
  const m = new RegExp(`#define ${name}\\s+(0x[0-9a-f]+)UL`).exec(ATTACKER);
  if (!m) throw new Error(`attacker.c defines no ${name}`);
  return Number(m[1]);
}

/** The pristine copy tail.c reads in partition `name`. */
function tailCopy(name: string): number {
  const m = new RegExp(`\\{ "${name}", (0x[0-9a-f]+)UL \\}`).exec(TAIL);
  if (!m) throw new Error(`tail.c names no copy for ${name}`);
  return Number(m[1]);
}

type Policy = "stop" | { restarts: number };

interface FaultCase {
  cause: string | RegExp;
  policy: Policy;
  /** The report's second line: pc, and the address or the instruction. */
  where?: RegExp;
}

const hex = (n: number) => n.toString(16).padStart(16, "0");
const ADDRESS = (address: number | string) => new RegExp(`^  pc [0-9a-f]{16}  address ${typeof address === "number" ? hex(address) : address}$`);
const AT = (pc: number) => new RegExp(`^  pc ${hex(pc)}  address ${hex(pc)}$`);
const INSTRUCTION = (bits: number) => new RegExp(`^  pc [0-9a-f]{16}  instruction ${bits.toString(16).padStart(8, "0")}$`);
const PC_ONLY = /^  pc [0-9a-f]{16}$/;
/** `csrw csr, t0` (csrrw x0, csr, x5), as attacker.c's CSR_WRITE writes it. */
const CSRW_T0 = (csr: number) => ((csr << 20) | (5 << 15) | (1 << 12) | 0x73) >>> 0;
/** `csrr t0, csr` (csrrs x5, csr, x0). */
const CSRR_T0 = (csr: number) => ((csr << 20) | (2 << 12) | (5 << 7) | 0x73) >>> 0;

const REGISTERS = /^  pc  [0-9a-f]{16}  ra  [0-9a-f]{16}  sp  [0-9a-f]{16}  gp  [0-9a-f]{16}$/;

/** The addresses the attacks aim at, from attacker.c, checked against the build below. */
const T = {
  peer: define("PEER_RAM"),
  kernelText: define("KERNEL_TEXT"),
  kernelData: define("KERNEL_DATA"),
  kernelStack: define("KERNEL_STACK"),
  pristine: define("PRISTINE"),
  edgeEnd: define("EDGE_END"),
  uart: define("UART"),
  plicEnable0: define("PLIC_ENABLE0"),
  msip0: define("CLINT_MSIP0"),
  mtimecmp0: define("CLINT_MTIMECMP0"),
  finisher: define("FINISHER"),
};

/** What the memory system's attacks must fault with; `host` gives a partition's RAM, `shared` a region's or channel's. */
function memoryFaults(host: (name: string) => { base: number; size: number }, shared: (name: string) => { base: number; size: number }): Record<string, FaultCase> {
  const code = shared("code");
  const below = host("stack_overflow").base;
  return {
    peer_read: { cause: "load access fault", policy: "stop", where: ADDRESS(T.peer) },
    peer_write: { cause: "store access fault", policy: { restarts: 2 }, where: ADDRESS(T.peer + 0x100) },
    kernel_text: { cause: "load access fault", policy: "stop", where: ADDRESS(T.kernelText) },
    kernel_data: { cause: "store access fault", policy: "stop", where: ADDRESS(T.kernelData) },
    kernel_stack: { cause: "store access fault", policy: "stop", where: ADDRESS(T.kernelStack) },
    pristine_read: { cause: "load access fault", policy: "stop", where: ADDRESS(T.pristine) },
    pristine_write: { cause: "store access fault", policy: "stop", where: ADDRESS(T.pristine) },
    rom_read: { cause: "load access fault", policy: "stop", where: ADDRESS(0x1000) },
    high_write: { cause: "store access fault", policy: "stop", where: ADDRESS("fffffffffffff000") },
    jump_zero: { cause: "instruction access fault", policy: "stop", where: AT(0) },
    jump_kernel: { cause: "instruction access fault", policy: "stop", where: AT(T.kernelText) },
    // the stack is at the bottom of its RAM, and it is the first partition: an
    // overflow runs into the kernel's reserve, by less than a frame
    stack_overflow: { cause: "store access fault", policy: { restarts: 1 }, where: ADDRESS(`0*${(below - 0x1000).toString(16).slice(0, -3)}[0-9a-f]{3}`) },
    exec_shared: { cause: "instruction access fault", policy: "stop", where: AT(shared("data").base) },
    // its first message sits in slot 0; it runs the slot it reserved next
    exec_channel: { cause: "instruction access fault", policy: "stop", where: AT(code.base + 16) },
    ro_write: { cause: "store access fault", policy: "stop", where: ADDRESS(shared("data").base + 4) },
    chan_ro_write: { cause: "store access fault", policy: "stop", where: ADDRESS(code.base) },
    chan_overrun: { cause: "store access fault", policy: "stop", where: ADDRESS(T.edgeEnd) },
    tor_below: { cause: "load access fault", policy: "stop", where: ADDRESS(host("tor_below").base - 4) },
    tor_above: { cause: "store access fault", policy: "stop", where: ADDRESS(host("tor_above").base + host("tor_above").size) },
    uart_write: { cause: "store access fault", policy: "stop", where: ADDRESS(T.uart) },
    plic_write: { cause: "store access fault", policy: "stop", where: ADDRESS(T.plicEnable0) },
    mtimecmp_write: { cause: "store access fault", policy: "stop", where: ADDRESS(T.mtimecmp0) },
    msip_write: { cause: "store access fault", policy: "stop", where: ADDRESS(T.msip0) },
    finisher: { cause: "store access fault", policy: "stop", where: ADDRESS(T.finisher) },
    spinner_rr: { cause: "watchdog expired", policy: { restarts: 1 }, where: PC_ONLY },
  };
}

/** The memory system's attacks that fault, and with what (any addresses will do for the names, causes and policies). */
const ANYWHERE = () => ({ base: 0x8010_0000, size: 0x1_0000 });
const MEMORY_LABELS = memoryFaults(ANYWHERE, ANYWHERE);
const MEMORY_ATTACKS = Object.keys(MEMORY_LABELS);

const PRIVILEGED_FAULTS: Record<string, FaultCase> = {
  csr_mstatus: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(CSRW_T0(0x300)) },
  csr_mtvec: { cause: "illegal instruction", policy: { restarts: 1 }, where: INSTRUCTION(CSRW_T0(0x305)) },
  csr_pmpcfg0: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(CSRW_T0(0x3a0)) },
  csr_pmpaddr0: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(CSRW_T0(0x3b0)) },
  csr_satp: { cause: "illegal instruction", policy: { restarts: 1 }, where: INSTRUCTION(CSRW_T0(0x180)) },
  csr_mie: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(CSRW_T0(0x304)) },
  csr_mscratch: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(CSRR_T0(0x340)) },
  mret: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(0x30200073) },
  sret: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(0x10200073) },
  sfence: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(0x12000073) },
  // a wfi is a yield, not a fault: only the watchdog ends a partition that does nothing else
  wfi_forever: { cause: "watchdog expired", policy: "stop", where: PC_ONLY },
  illegal: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(0xc0001073) },
  breakpoint: { cause: "breakpoint", policy: "stop", where: PC_ONLY },
  // QEMU 7.2 emulates misaligned loads and stores but not atomics (it calls this one a load)
  misaligned_amo: { cause: /^misaligned (load|store)$/, policy: "stop", where: ADDRESS("[0-9a-f]{15}[26ae]") },
  // the kernel leaves mstatus.FS off: the first FP instruction is illegal
  fp_use: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION(0xf20000d3) },
  budget_spinner: { cause: "budget overrun", policy: { restarts: 1 }, where: PC_ONLY },
};

function kernelLines(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith("[phase3] ")).map((l) => l.slice("[phase3] ".length));
}

interface Run {
  built: Built;
  result: RunResult;
  lines: string[];
  log: string[];
  symbols: Map<string, ElfSymbol>;
}

let memory: Run;
let privileged: Run;
let ready: Promise<void> | undefined;

/**
 * Both systems build at once and boot one after the other. buildSpec also
 * proves each build's PMP entries against its spec (sim/isolation).
 */
function both(): Promise<void> {
  ready ??= (async () => {
    const [m, p] = await Promise.all([buildSpec(path.join(HOSTILE, "memory.ts"), "hostile-mk-memory"), buildSpec(path.join(HOSTILE, "privileged.ts"), "hostile-mk-privileged")]);
    const run = async (built: Built): Promise<Run> => {
      const result = await boot(built, 40_000);
      const lines = transcript(result);
      return { built, result, lines, log: kernelLines(lines), symbols: readSymbols(fs.readFileSync(built.elf)) };
    };
    memory = await run(m);
    privileged = await run(p);
  })();
  return ready;
}

/** Adds a test per attack: `labels` gives each one's cause and policy for its name (the addresses come from the build). */
function faultTests(get: () => Run, cases: () => Record<string, FaultCase>, labels: Record<string, FaultCase>): void {
  for (const [name, label] of Object.entries(labels)) {
    const restarts = label.policy === "stop" ? 0 : label.policy.restarts;
    it(`${name}: ${String(label.cause)}, then ${restarts ? `${restarts} restart(s), then stopped` : "stopped"}`, () => {
      const { log, lines } = get();
      const c = cases()[name];
      const restarts = c.policy === "stop" ? 0 : c.policy.restarts;
      const faults = log.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith(`fault in partition ${name}: `));
      expect(faults.length, `${name}'s faults`).toBe(restarts + 1);
      for (const [line, i] of faults) {
        const cause = line.slice(`fault in partition ${name}: `.length);
        if (typeof c.cause === "string") expect(cause).toBe(c.cause);
        else expect(cause).toMatch(c.cause);
        if (c.where) expect(log[i + 1]).toMatch(c.where);
        expect(log[i + 2], "the register dump").toMatch(REGISTERS);
      }
      if (restarts) {
        for (let k = 1; k <= restarts; k++) expect(log).toContain(`partition ${name} restarted (${k} of ${restarts})`);
        expect(log).toContain(`partition ${name} stopped (policy: restart, no restarts left)`);
        // each restart ran the app again from its start, and it attacked again
        expect(lines.filter((l) => l.startsWith(`[${name}] attack: `)).length).toBe(restarts + 1);
      } else {
        expect(log).toContain(`partition ${name} stopped (policy: stop)`);
      }
    });
  }
}

function contained(run: Run, name: string): number {
  const { lines, log } = run;
  const line = lines.find((l) => new RegExp(`^\\[${name}\\] contained ${name}: \\d+ checks, 0 failed$`).test(l));
  expect(line, `${name}'s result`).toBeDefined();
  expect(log).toContain(`partition ${name} exited with code 0`);
  expect(log.some((l) => l.startsWith(`fault in partition ${name}:`))).toBe(false);
  return Number(/: (\d+) checks/.exec(line!)![1]);
}

/** What both systems must show: nothing through, no kernel fault, both exchanges whole, halted by halter with 127. */
function commonTests(get: () => Run, tail: string, attacks: string[]): void {
  it("lets nothing through, and the kernel never faults", () => {
    const { result, lines, log } = get();
    expect(result.timedOut).toBe(false);
    expect(lines.filter((l) => l.includes("BREACH"))).toEqual([]);
    expect(log.filter((l) => l.startsWith("firmware fault"))).toEqual([]);
    // only the attackers that must fault did: no one else, not the pairs, not the contained ones
    const faulted = new Set(log.map((l) => /^fault in partition (\w+): /.exec(l)?.[1]).filter(Boolean));
    expect([...faulted].sort()).toEqual([...attacks, "halter", tail].sort());
  });

  it("keeps both exchanges whole: every message arrives, in order, intact", () => {
    const { lines, log } = get();
    for (const pair of ["a", "b"]) {
      const sent = lines.find((l) => l.startsWith(`[ping_${pair}] sent `));
      const received = lines.find((l) => l.startsWith(`[pong_${pair}] received `));
      expect(sent).toMatch(/^\[ping_\w\] sent 200 messages, checksum [0-9a-f]{8}$/);
      expect(received).toMatch(/^\[pong_\w\] received 200 messages, 0 bad, checksum [0-9a-f]{8} /);
      expect(/checksum ([0-9a-f]{8})/.exec(received!)![1]).toBe(/checksum ([0-9a-f]{8})/.exec(sent!)![1]);
      expect(log).toContain(`partition ping_${pair} exited with code 0`);
      expect(log).toContain(`partition pong_${pair} exited with code 0`);
    }
  });

  it("halts the whole system with status 127 under a halt policy, after everyone else is done", () => {
    const { built, lines, log, result } = get();
    expect(lines).toContain("[halter] attack: everyone else is done: write mtvec, under a halt policy");
    const fault = log.indexOf("fault in partition halter: illegal instruction");
    expect(fault).toBeGreaterThan(0);
    expect(log[fault + 1]).toMatch(INSTRUCTION(CSRW_T0(0x305)));
    expect(log).toContain("partition halter halts the system (policy: halt)");
    expect(log[log.length - 1]).toBe(`system halted: status ${SYSTEM_STATUS.PANIC}`);
    expect(result.status).toBe(SYSTEM_STATUS.PANIC);
    const ended = new Set(log.map((l) => /^partition (\w+) (exited|stopped)/.exec(l)?.[1]).filter(Boolean));
    const everyone = Object.keys(built.spec.system.partitions).filter((n) => n !== "halter");
    expect(everyone.filter((n) => !ended.has(n))).toEqual([]);
  });

  // Until 062bb20 the kernel's linker script put the pristine copies of
  // restartable images right after the last partition's image, inside that
  // partition's RAM (rwx to it), spilling into what followed; tail.c says
  // more. These two keep them where the plan says and out of its reach.
  it("puts the pristine images where its memory plan says, outside every partition's RAM", () => {
    const { built, symbols } = get();
    const plan = built.plan;
    const copies = [...symbols.values()].filter((s) => /^p3_pristine_\w+$/.test(s.name) && !s.name.endsWith("_size"));
    expect(copies.length).toBeGreaterThan(0);
    for (const s of copies) {
      const size = symbols.get(`${s.name}_size`)!.address;
      expect(s.address, s.name).toBeGreaterThanOrEqual(plan.pristine.base);
      expect(s.address + size, s.name).toBeLessThanOrEqual(plan.pristine.base + plan.pristine.size);
      for (const p of plan.partitions) expect(s.address + size <= p.host || s.address >= p.host + p.size, `${s.name} inside ${p.name}'s RAM`).toBe(true);
    }
  });

  it(`${tail}, the last partition in RAM, cannot read the pristine images that follow it`, () => {
    const { lines, log } = get();
    expect(lines.filter((l) => l.startsWith(`[${tail}] BREACH`))).toEqual([]);
    const fault = log.indexOf(`fault in partition ${tail}: load access fault`);
    expect(fault).toBeGreaterThan(0);
    expect(log[fault + 1]).toMatch(ADDRESS(tailCopy(tail)));
    expect(log).toContain(`partition ${tail} stopped (policy: stop)`);
  });

  it(`${tail} reads the pristine image its constant names: the first copy, in the kernel's ELF`, () => {
    const { symbols } = get();
    const copies = [...symbols.values()].filter((s) => /^p3_pristine_\w+$/.test(s.name) && !s.name.endsWith("_size"));
    const first = copies.reduce((a, b) => (a.address < b.address ? a : b));
    expect(tailCopy(tail), first.name).toBe(first.address);
  });
}

describe("hostile partitions in microkernel mode: memory, devices, pointers", () => {
  const get = () => memory;
  beforeAll(both, 120_000);

  it("aims at what the attacker's constants say: another partition, the kernel's code, data and stack, the pristine images, devices", () => {
    const { built, symbols } = get();
    const plan = built.plan;
    const board = built.spec.system.board;
    const bytes = fs.readFileSync(built.elf);
    const sections = readSections(bytes);
    const section = (at: number) => sections.find((s) => at >= s.address && at < s.address + s.size)?.name;
    const partition = (name: string) => plan.partitions.find((p) => p.name === name)!;

    expect(T.peer, "pong_a's RAM").toBe(partition("pong_a").host);
    expect(T.kernelText, "the kernel's entry").toBe(symbols.get("_start")!.address);
    expect(section(T.kernelText)).toBe(".text");
    expect(T.kernelData, "the kernel's partition table").toBe(symbols.get("partitions")!.address);
    expect(section(T.kernelData)).toBe(".bss");
    // hart_areas: one stack per hart, each with its struct hart (HART_STATE_SIZE, 128 bytes) on top
    const areas = symbols.get("hart_areas")!;
    const area = areas.size / board.harts;
    expect(T.kernelStack, "inside hart 0's kernel stack").toBeGreaterThanOrEqual(areas.address);
    expect(T.kernelStack, "inside hart 0's kernel stack").toBeLessThan(areas.address + area - 128);
    for (const at of [T.kernelText, T.kernelData, T.kernelStack]) {
      expect(at >= plan.firmware.base && at < plan.firmware.base + plan.firmware.size, "inside the kernel's reserve").toBe(true);
    }
    const copies = [...symbols.values()].filter((s) => /^p3_pristine_\w+$/.test(s.name) && !s.name.endsWith("_size"));
    expect(T.pristine, "the first pristine copy").toBe(Math.min(...copies.map((s) => s.address)));
    expect(T.pristine, "the memory plan's pristine images").toBe(plan.pristine.base);
    const edge = plan.shared.find((s) => s.name === "edge")!;
    expect(T.edgeEnd, "one past the edge channel's buffer").toBe(edge.host + edge.size);
    // the attackers' own sizes
    expect(define("STACK_SIZE")).toBe(partition("peer_read").stackSize);
    expect(define("RAM_SIZE")).toBe(partition("peer_read").size);
    expect(define("TOR_SIZE")).toBe(partition("tor_below").size);
    expect(Math.log2(define("TOR_SIZE")) % 1, "not a power of two: a TOR entry").not.toBe(0);
    expect(partition("tor_below").pmp.map((e) => e.match)).toContain("TOR");
    // devices
    const device = (name: string) => (board.devices as Record<string, { base: number }>)[name].base;
    expect(T.uart).toBe(device("uart0"));
    expect(define("RTC")).toBe(device("rtc"));
    expect(T.finisher).toBe(device("test"));
    expect(T.plicEnable0).toBe(device("plic") + 0x2000);
    expect(T.msip0).toBe(device("clint"));
    expect(T.mtimecmp0).toBe(device("clint") + 0x4000);
    // none of it is the attacker's own
    for (const at of Object.values(T)) {
      for (const name of MEMORY_ATTACKS) {
        expect(partition(name).mappings.some((m) => at >= m.host && at < m.host + m.size), `${hex(at)} is ${name}'s own`).toBe(false);
      }
    }
  });

  commonTests(get, "tail_memory", MEMORY_ATTACKS);

  const host = (name: string) => {
    const p = memory.built.plan.partitions.find((x) => x.name === name)!;
    return { base: p.host, size: p.size };
  };
  const shared = (name: string) => {
    const s = memory.built.plan.shared.find((x) => x.name === name)!;
    return { base: s.host, size: s.size };
  };
  const cases = () => memoryFaults(host, shared);
  faultTests(get, cases, MEMORY_LABELS);

  it("refuses bad pointers, lengths and channel ids with error codes, not faults, whatever sp points at", () => {
    expect(contained(memory, "bad_pointers")).toBeGreaterThanOrEqual(40);
    expect(contained(memory, "chan_ids")).toBeGreaterThanOrEqual(70);
    expect(contained(memory, "sp_kernel")).toBe(3);
    expect(memory.lines).toContain("[sp_kernel] attack: calls and preemption with sp in the kernel's stack");
  });

  it("confines a partition whose RAM takes a TOR entry to exactly that RAM", () => {
    for (const name of ["tor_below", "tor_above"]) {
      expect(memory.lines.some((l) => new RegExp(`^\\[${name}\\] its RAM starts with [0-9a-f]+ and ends with [0-9a-f]+$`).test(l)), name).toBe(true);
    }
  });

  it("preempts a partition spinning in U-mode: round robin on hart 0 goes on, the watchdog ends it", () => {
    const { built, lines } = memory;
    const spinning = lines.indexOf("[spinner_rr] attack: spin forever in U-mode");
    const expired = lines.findIndex((l) => l.startsWith("[phase3] fault in partition spinner_rr: watchdog expired"));
    expect(spinning).toBeGreaterThanOrEqual(0);
    expect(expired).toBeGreaterThan(spinning);
    const hart0 = new Set(Object.entries(built.spec.system.partitions).filter(([n, p]) => p.hart === 0 && n !== "spinner_rr").map(([n]) => n));
    const meanwhile = lines.slice(spinning, expired).filter((l) => hart0.has(/^\[(\w+)\]/.exec(l)?.[1] ?? ""));
    expect(meanwhile.length, "lines other hart 0 partitions printed while spinner_rr spun").toBeGreaterThan(0);
  });

  it("does not end the run when a partition writes the test finisher", () => {
    const fault = memory.lines.indexOf("[phase3] fault in partition finisher: store access fault");
    expect(fault).toBeGreaterThan(0);
    expect(memory.lines.length - fault).toBeGreaterThan(20);
  });
});

describe("hostile partitions in microkernel mode: privileged state, instructions, time, floods", () => {
  const get = () => privileged;
  beforeAll(both, 120_000);

  commonTests(get, "tail_privileged", Object.keys(PRIVILEGED_FAULTS));
  faultTests(get, () => PRIVILEGED_FAULTS, PRIVILEGED_FAULTS);

  it("makes a wfi in U-mode a yield: it neither hangs the hart nor faults, even 2-byte aligned", () => {
    expect(contained(privileged, "wfi_yield")).toBe(401);
    // and wfi_forever, yielding all the time, is still ended by its watchdog
    expect(privileged.lines).toContain("[wfi_forever] attack: wfi forever, under a watchdog it never pats");
  });

  it("takes floods of calls and notifications with error codes, not faults", () => {
    expect(contained(privileged, "hcall_flood")).toBe(60_000);
    expect(contained(privileged, "notify_flood")).toBe(30_000);
    // pong_b took the flood of notifications and messages and dropped the noise
    expect(privileged.lines.find((l) => l.startsWith("[pong_b] received"))).toMatch(/\(\d+ noise messages dropped\)$/);
  });

  it("ends a spinner on hart 1 by its budget, and the partitions it outranks still finish", () => {
    expect(privileged.lines).toContain("[budget_spinner] attack: spin forever in U-mode");
    expect(privileged.log).toContain("partition pong_b exited with code 0");
    expect(privileged.log).toContain("partition notify_flood exited with code 0");
  });
});

describe("the hypercall fuzzer in microkernel mode", () => {
  it("makes 100,000 random Phase3 calls and other ecalls from U-mode: the kernel never faults, the exchange beside it stays whole", async () => {
    // FUZZ_SEED=<n> (or FUZZ_SEED=random) npx vitest run test/integration/hostile-microkernel.test.ts
    const seed = seedFromEnv();
    const calls = 100_000;
    // as ../hostile/run-fuzz.ts builds the hypervisor's: the seed and count in a header, then make
    const generated = await buildOrThrow(path.join(HOSTILE, "fuzz.ts"), outDir("fuzz-mk"), (out) => writeFuzzConfig(out, seed, calls, "test/integration/hostile-microkernel.test.ts"));
    const system = generated.spec.system;
    const elf = generated.elf;
    const isolation = checkIsolation(elf, system);
    expect(isolation.problems, formatIsolation(isolation)).toEqual([]);
    // the fuzzer is first in RAM, right above the kernel's reserve, as its wild pointers assume
    expect(generated.plan.partitions[0]).toMatchObject({ name: "fuzzer", host: generated.plan.firmware.base + generated.plan.firmware.size, size: 0x10000, stackSize: 0x2000 });

    const result = await runImage({ board: system.board, elf, timeoutMs: 40_000, icount: true });
    const lines = transcript(result);
    expect(fuzzProblems(lines, result, seed, calls)).toEqual([]);
    expect(lines.filter((l) => l.startsWith("[phase3] firmware fault"))).toEqual([]);
    const done = lines.find((l) => l.startsWith("[fuzzer] fuzz done: "))!;
    const [, phase3, ok, other] = /(\d+) Phase3 \((\d+) ok, \d+ errors, 0 unknown results\), (\d+) SBI/.exec(done)!.map(Number);
    // both kinds of call, and calls that succeed as well as calls refused
    expect(phase3).toBeGreaterThan(50_000);
    expect(other).toBeGreaterThan(10_000);
    expect(ok).toBeGreaterThan(1_000);
  }, 120_000);
});
