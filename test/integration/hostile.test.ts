/**
 * The hostile-partition suite (test/hostile/): 36 attacks on one system,
 * beside two well-behaved pairs exchanging checksummed messages, on one hart
 * and across two. Each attack must be contained (a fault and its policy, or
 * error codes), no message may be lost or altered, the hypervisor must keep
 * running, and the last attacker's `halt` policy must end the system with
 * status 127.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_STATUS } from "../../spec/abi/status.ts";
import { factsFromElf, proveIsolation, walkSv39x4 } from "../../sim/isolation/index.ts";
import type { RunResult } from "../../sim/qemu.ts";
import { GUEST_RAM_BASE } from "../../spec/layout/index.ts";
import { boot, buildSpec, transcript, type Built } from "../build.ts";
import { outDir, ROOT } from "../helpers.ts";
import { runFuzz, seedFromEnv } from "../hostile/run-fuzz.ts";

const HOSTILE = path.join(ROOT, "test", "hostile");

type Policy = "stop" | { restarts: number };

interface FaultCase {
  cause: string | RegExp;
  policy: Policy;
  /** The report's second line: pc, address, guest-physical, instruction. */
  where?: RegExp;
}

const hex = (n: number) => n.toString(16).padStart(16, "0");
const ADDRESS = (address: string, guestPhysical = address) => new RegExp(`^  pc [0-9a-f]{16}  address ${address}  guest-physical ${guestPhysical}$`);
const INSTRUCTION = (bits: string) => new RegExp(`^  pc [0-9a-f]{16}  instruction ${bits}$`);

/** The attacks that fault, what they must fault with, and the policy that follows. */
const FAULTS: Record<string, FaultCase> = {
  peer_read: { cause: "load guest-page fault", policy: "stop", where: ADDRESS(hex(0x8004_0000)) },
  peer_write: { cause: "store guest-page fault", policy: { restarts: 2 }, where: ADDRESS(hex(0x8004_0100)) },
  hyp_read: { cause: "load guest-page fault", policy: "stop", where: ADDRESS(hex(0x8001_f000)) },
  table_write: { cause: "store guest-page fault", policy: "stop" },
  pristine_write: { cause: "store guest-page fault", policy: "stop" },
  rom_read: { cause: "load guest-page fault", policy: "stop", where: ADDRESS(hex(0x1000)) },
  high_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS("fffffffffffff000") },
  // its own page tables map 0xc0040000 to pong_a's host address: the address it used, and the guest-physical one
  vs_paging: { cause: "load guest-page fault", policy: "stop", where: ADDRESS(hex(0xc004_0000), hex(0x8004_0000)) },
  jump_zero: { cause: "instruction guest-page fault", policy: "stop", where: /^  pc 0{16}  address 0{16}  guest-physical 0{16}$/ },
  dt_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0x8000_f000)) },
  // the guard page of a 64K app with an 8K stack: 0x8000c000-0x8000cfff
  stack_overflow: { cause: "store guest-page fault", policy: { restarts: 1 }, where: ADDRESS("000000008000c[0-9a-f]{3}") },
  exec_data: { cause: "instruction guest-page fault", policy: "stop", where: ADDRESS(hex(0xc000_0000)) },
  ro_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0xc000_0004)) },
  uart_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0x1000_0000)) },
  plic_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0x0c00_2080)) },
  clint_write: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0x0200_0004)) },
  finisher: { cause: "store guest-page fault", policy: "stop", where: ADDRESS(hex(0x10_0000)) },
  csr_hgatp: { cause: "virtual instruction", policy: "stop", where: INSTRUCTION("68001073") },
  csr_hstatus: { cause: "virtual instruction", policy: { restarts: 1 }, where: INSTRUCTION("60001073") },
  // a page table outside its memory: the fault is the walk's, at the table's guest-physical address
  csr_satp: { cause: "load guest-page fault", policy: { restarts: 1 }, where: /^  pc [0-9a-f]{16}  address [0-9a-f]{16}  guest-physical 0000000012345010$/ },
  csr_pmp: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION("3b0[0-9a-f]{5}") },
  csr_medeleg: { cause: "illegal instruction", policy: "stop", where: INSTRUCTION("30201073") },
  hfence: { cause: "virtual instruction", policy: "stop", where: INSTRUCTION("62000073") },
  vu_ecall: { cause: "ecall from U-mode", policy: "stop" },
  illegal: { cause: "illegal instruction", policy: "stop" },
  breakpoint: { cause: "breakpoint", policy: "stop" },
  // QEMU 7.2 emulates misaligned loads and stores but not atomics (it calls this one a load)
  misaligned_amo: { cause: /^misaligned (load|store)$/, policy: "stop" },
  fp_use: { cause: "illegal instruction", policy: "stop" },
  spinner_rr: { cause: "watchdog expired", policy: { restarts: 1 } },
  budget_spinner: { cause: "budget overrun", policy: { restarts: 1 } },
};

/** The attacks refused with error codes: each checks its own results and exits 0. */
const CONTAINED = ["bad_pointers", "chan_ids", "hcall_flood", "notify_flood"];

const REGISTERS = /^  pc  [0-9a-f]{16}  ra  [0-9a-f]{16}  sp  [0-9a-f]{16}  gp  [0-9a-f]{16}$/;

function hypervisorLines(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith("[phase3] ")).map((l) => l.slice("[phase3] ".length));
}

describe("hostile partitions", () => {
  let built: Built;
  let result: RunResult;
  let lines: string[];
  let log: string[];

  beforeAll(async () => {
    built = await buildSpec(path.join(HOSTILE, "system.ts"), "hostile");
    result = await boot(built, 60_000);
    lines = transcript(result);
    log = hypervisorLines(lines);
  });

  it("aims at what the attacker's constants say: another partition, the hypervisor, the tables, the pristine images", () => {
    const source = fs.readFileSync(path.join(HOSTILE, "attacker.c"), "utf8");
    const define = (name: string) => Number(new RegExp(`#define ${name}\\s+(0x[0-9a-f]+)UL`).exec(source)![1]);
    const plan = built.plan;
    const own = plan.partitions.find((p) => p.name === "peer_read")!;
    expect(define("PEER_RAM"), "pong_a's host RAM").toBe(plan.partitions.find((p) => p.name === "pong_a")!.host);
    expect(define("OWN_END"), "an attacker's guest RAM ends here").toBe(GUEST_RAM_BASE + own.size);
    const hyp = define("HYP_ADDR");
    expect(hyp >= plan.firmware.base && hyp < plan.firmware.base + plan.firmware.size, "inside the hypervisor's reserve").toBe(true);
    expect(hyp >= GUEST_RAM_BASE + own.size, "outside the attacker's own guest RAM").toBe(true);
    expect(define("TABLES"), "the G-stage tables").toBe(plan.tables.base);
    expect(define("PRISTINE"), "the pristine images").toBe(plan.pristine.base);
    expect(plan.pristine.size).toBeGreaterThan(0);
  });

  it("is isolated as its spec grants, by the isolation checker, which a single wrong PTE would fail", () => {
    const system = built.spec.system;
    const facts = factsFromElf(fs.readFileSync(built.elf), Object.keys(system.partitions));
    expect(proveIsolation(system, facts).problems).toEqual([]);
    // point peer_read's first page at pong_a's RAM, as a generator bug might
    const first = walkSv39x4(facts.read, facts.hgatp.get("peer_read")!).leaves.find((l) => l.guest === GUEST_RAM_BASE)!;
    const evil = (0x8004_0000n >> 12n << 10n) | 0xdfn;
    const corrupted = { ...facts, read: (at: number) => (at === first.at ? evil : facts.read(at)) };
    expect(proveIsolation(system, corrupted).problems.join("\n")).toMatch(/peer_read/);
  });

  it("lets nothing through, and the hypervisor never faults", () => {
    expect(result.timedOut).toBe(false);
    expect(lines.filter((l) => l.includes("BREACH"))).toEqual([]);
    expect(log.filter((l) => l.startsWith("firmware fault"))).toEqual([]);
  });

  for (const [name, c] of Object.entries(FAULTS)) {
    const restarts = c.policy === "stop" ? 0 : c.policy.restarts;
    it(`${name}: ${c.cause}, then ${restarts ? `${restarts} restart(s), then stopped` : "stopped"}`, () => {
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

  it("refuses bad pointers, lengths, channel ids and floods with error codes, not faults", () => {
    for (const name of CONTAINED) {
      expect(lines.some((l) => new RegExp(`^\\[${name}\\] contained ${name}: \\d+ checks, 0 failed$`).test(l)), name).toBe(true);
      expect(log).toContain(`partition ${name} exited with code 0`);
      expect(log.some((l) => l.startsWith(`fault in partition ${name}:`))).toBe(false);
    }
    const checks = (name: string) => Number(/: (\d+) checks/.exec(lines.find((l) => l.startsWith(`[${name}] contained`))!)![1]);
    expect(checks("bad_pointers")).toBeGreaterThanOrEqual(25);
    expect(checks("chan_ids")).toBeGreaterThanOrEqual(70);
    expect(checks("hcall_flood")).toBe(60_000);
  });

  it("keeps both exchanges whole: every message arrives, in order, intact", () => {
    for (const pair of ["a", "b"]) {
      const sent = lines.find((l) => l.startsWith(`[ping_${pair}] sent `));
      const received = lines.find((l) => l.startsWith(`[pong_${pair}] received `));
      expect(sent).toMatch(/^\[ping_\w\] sent 200 messages, checksum [0-9a-f]{8}$/);
      expect(received).toMatch(/^\[pong_\w\] received 200 messages, 0 bad, checksum [0-9a-f]{8} /);
      expect(/checksum ([0-9a-f]{8})/.exec(received!)![1]).toBe(/checksum ([0-9a-f]{8})/.exec(sent!)![1]);
      expect(log).toContain(`partition ping_${pair} exited with code 0`);
      expect(log).toContain(`partition pong_${pair} exited with code 0`);
    }
    // pong_b took the flood of notifications and messages and dropped the noise
    expect(lines.find((l) => l.startsWith("[pong_b] received"))).toMatch(/\(\d+ noise messages dropped\)$/);
  });

  it("preempts a partition spinning with its interrupts off: round robin on hart 0, a budget on hart 1", () => {
    const spinning = lines.indexOf("[spinner_rr] attack: spin forever with its interrupts off");
    const expired = lines.findIndex((l) => l.startsWith("[phase3] fault in partition spinner_rr: watchdog expired"));
    expect(spinning).toBeGreaterThanOrEqual(0);
    expect(expired).toBeGreaterThan(spinning);
    const hart0 = new Set(Object.entries(built.spec.system.partitions).filter(([n, p]) => p.hart === 0 && n !== "spinner_rr").map(([n]) => n));
    const meanwhile = lines.slice(spinning, expired).filter((l) => hart0.has(/^\[(\w+)\]/.exec(l)?.[1] ?? ""));
    expect(meanwhile.length, "lines other hart 0 partitions printed while spinner_rr spun").toBeGreaterThan(0);
    // under the budget spinner's priority, pong_b still finished
    expect(log).toContain("partition pong_b exited with code 0");
  });

  it("does not end the run when a partition writes the test finisher", () => {
    const fault = lines.indexOf("[phase3] fault in partition finisher: store guest-page fault");
    expect(fault).toBeGreaterThan(0);
    expect(lines.length - fault).toBeGreaterThan(20);
  });

  it("keeps a two-vCPU partition's lines whole, and ends it once when one vCPU exits as the other faults", () => {
    const text = "twin writes a long line without a newline, from two harts at once, ";
    const written = lines.filter((l) => l.startsWith("[twin] ") && !l.startsWith("[twin] attack:")).map((l) => l.slice("[twin] ".length));
    expect(written.every((l) => l.length <= 120)).toBe(true);
    expect(written.join("")).toBe(text.repeat(50));
    expect(log.filter((l) => /^partition twin (exited|stopped)/.test(l)).length).toBe(1);
    expect(log.filter((l) => l.startsWith("fault in partition twin:")).length).toBeLessThanOrEqual(1);
  });

  it("halts the whole system with status 127 under a halt policy, after everyone else is done", () => {
    expect(lines).toContain("[halter] attack: everyone else is done: write hgatp, under a halt policy");
    expect(log).toContain("fault in partition halter: virtual instruction");
    expect(log).toContain("partition halter halts the system (policy: halt)");
    expect(log[log.length - 1]).toBe(`system halted: status ${SYSTEM_STATUS.PANIC}`);
    expect(result.status).toBe(SYSTEM_STATUS.PANIC);
    const ended = new Set(log.map((l) => /^partition (\w+) (exited|stopped)/.exec(l)?.[1]).filter(Boolean));
    const everyone = Object.keys(built.spec.system.partitions).filter((n) => n !== "halter");
    expect(everyone.filter((n) => !ended.has(n))).toEqual([]);
  });
});

describe("the hypercall fuzzer", () => {
  it("makes 100,000 random Phase3 and SBI calls: the hypervisor never faults, the exchange beside it stays whole", async () => {
    // FUZZ_SEED=<n> (or FUZZ_SEED=random) npx vitest run test/integration/hostile.test.ts
    const run = await runFuzz({ outDir: outDir("fuzz"), seed: seedFromEnv(), calls: 100_000 });
    expect(run.problems).toEqual([]);
    const done = run.lines.find((l) => l.startsWith("[fuzzer] fuzz done: "))!;
    const [, phase3, ok, sbi] = /(\d+) Phase3 \((\d+) ok, \d+ errors, 0 unknown results\), (\d+) SBI/.exec(done)!.map(Number);
    // both kinds of call, and calls that succeed as well as calls refused
    expect(phase3).toBeGreaterThan(50_000);
    expect(sbi).toBeGreaterThan(10_000);
    expect(ok).toBeGreaterThan(1_000);
  });
});
