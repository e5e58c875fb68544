/**
 * One failing fixture per validation rule (test/fixtures/rules/<rule>.ts),
 * asserting the rule id, the exact message and the location in the fixture;
 * the examples and test/fixtures/valid/ are the passing case of every rule.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline/index.ts";
import { rules } from "../../spec/index.ts";
import { FIXTURES, ROOT } from "../helpers.ts";

const RULE_FIXTURES = path.join(FIXTURES, "rules");

/** rule id → [line, column, message] of the problem its fixture has. */
const expected: Record<string, [number, number, string]> = {
  "app-missing": [7, 35, "app source \"../apps/nowhere.c\" of partition \"ping\" does not exist (paths are relative to the spec file)"],
  "app-not-source": [7, 18, "app of partition \"ping\" must name a .c or .S file, not \"../apps/readme.txt\""],
  "app-or-image": [7, 5, "partition \"ping\" runs nothing; give it app: \"ping.c\" or image: { file: \"guest.bin\" }"],
  "board-invalid": [5, 35, "harts must be a whole number from 1 to 8 (QEMU virt's limit here), not 9"],
  "board-unsupported": [9, 3, "qemu-virt's console \"uart0\" is a virtio-mmio, which the firmware has no driver for (it drives ns16550, sifive-uart, shakti-uart, neorv32-uart, litex-uart); add one in firmware/platform first"],
  "budget-exceeds-period": [7, 79, "partition \"ping\" has a budget of 12ms in each 10ms period, more than the period itself; lower the budget"],
  "budget-invalid": [7, 66, "partition \"ping\" gives a budget but no period; a budget is CPU time per period, so give both"],
  "channel-depth-invalid": [11, 62, "depth of channel \"samples\" is 0.5; give the number of messages the queue holds, a whole number of at least 1, e.g. depth: 16"],
  "channel-depth-too-large": [11, 61, "depth of channel \"samples\" is 5000, more than the 4096 messages a queue may hold (its indices are 12 bits)"],
  "channel-endpoint-unknown": [12, 34, "channel \"samples\" goes to \"pnog\", which is not a partition; use one of \"ping\", \"pong\""],
  "channel-msgsize-invalid": [11, 51, "msgSize of channel \"samples\" is 0; a message needs at least one byte, e.g. msgSize: 64"],
  "channel-msgsize-too-large": [11, 51, "msgSize of channel \"samples\" is 128K, more than the 64K a message may carry (lengths are 16 bits); use a shared region for bulk data"],
  "channel-name-invalid": [11, 5, "channel name \"to-pong\" is not a C identifier: use letters, digits and _, not starting with a digit"],
  "channel-self-loop": [11, 31, "channel \"loop\" goes from \"ping\" to itself; a partition keeps its own data in its memory, so connect two partitions"],
  "code-memory-exceeded": [10, 3, "e300-arty's code memory is 36K: after the kernel's 32K it has no 4K code window for each of 2 partitions; use fewer partitions or a board with more code memory"],
  "console-input-no-irq": [8, 72, "console input for \"ping\" needs the console's receive interrupt, but shakti-c-arty's \"uart0\" has no line to its interrupt controller; remove consoleInput"],
  "console-input-shared": [8, 72, "console input already goes to \"ping\"; only one partition may own it, so remove consoleInput from \"pong\" or \"ping\""],
  "device-firmware-owned": [7, 68, "\"uart0\" is the console UART the firmware prints on, so it cannot be granted to \"ping\"; partitions print with p3_write and read with consoleInput"],
  "device-page-shared": [12, 68, "\"virtio1\" shares the page 0x10001000 with \"virtio0\", granted to \"ping\"; grant both to one partition"],
  "device-shared": [8, 75, "device \"virtio0\" is granted to \"ping\" already; a device has one owner, so remove it from \"pong\" or \"ping\""],
  "device-unknown": [7, 68, "qemu-virt has no device \"virtio9\"; it has \"test\", \"rtc\", \"clint\", \"plic\", \"uart0\", \"virtio0\", \"virtio1\", \"virtio2\", \"virtio3\", \"virtio4\", \"virtio5\", \"virtio6\", \"virtio7\""],
  "fault-policy-invalid": [7, 78, "partition \"ping\" may restart 0 times; give a whole number from 1 to 255"],
  "guest-overlap": [11, 68, "in the guest-physical view of \"ping\", shared region \"table\" (0xc0000000-0xc0001000) overlaps device \"sram\" (0xc0000000-0xc0001000); devices are mapped at their own addresses, so do not grant this one or fix the board's memory map"],
  "hart-duplicate": [7, 78, "partition \"ping\" lists hart 0 twice; give each vCPU its own hart"],
  "hart-out-of-range": [7, 55, "partition \"ping\" runs on hart 2, but qemu-virt has harts 0 to 1"],
  "host-overlap": [12, 68, "in host-physical memory, device \"sram\" (0x80020000-0x80021000) overlaps partition \"ping\"'s RAM (0x80020000-0x80030000); devices are mapped at their own addresses, so do not grant this one or fix the board's memory map"],
  "image-format-invalid": [7, 28, "guest image \"../apps/ok.c\" of partition \"ping\" is neither .bin nor .elf; rename it or say format: \"binary\" or \"elf\""],
  "image-load-outside": [7, 74, "entry address 0x80200000 of the guest image of \"ping\" is outside its RAM 0x80000000-0x80200000"],
  "image-missing": [7, 28, "guest image \"../apps/u-boot.bin\" of partition \"ping\" does not exist (paths are relative to the spec file)"],
  "image-needs-h": [7, 13, "partition \"ping\" runs a guest image, which needs hypervisor mode and a board with the H extension; run a Phase3 app instead"],
  "irq-shared": [12, 68, "interrupt 1 of \"virtio1\" also belongs to \"virtio0\", granted to \"ping\"; grant both devices to one partition"],
  "memory-exceeds-ram": [7, 42, "partition \"ping\" needs 16M but the board has 16M of RAM, 128K of it for the firmware"],
  "memory-hits-reserved": [7, 42, "the system uses RAM up to 0x83e06000, which overlaps 0x83e00000-0x84000000: QEMU writes its device tree here at reset"],
  "memory-not-page-aligned": [7, 42, "memory of \"ping\" 6K is not a non-zero multiple of 4K (the page size); try \"8K\""],
  "memory-overcommitted": [8, 42, 'the system needs 18M before its page tables, more than the board\'s 16M of RAM; "pong" is the first partition that does not fit'],
  "mode-invalid": [10, 9, "mode is \"supervisor\"; use \"hypervisor\" or \"microkernel\", or leave it out to follow the board"],
  "mode-needs-h": [10, 9, "mode \"hypervisor\" needs the H extension, which qemu-virt-noh lacks; pick a board with H (e.g. boards.qemuVirt() with h: true)"],
  "mode-needs-pmp": [5, 3, "microkernel mode runs partitions in U-mode behind PMP, but e300-arty's harts have no PMP entries; pick a board with both, or one with H for hypervisor mode"],
  "name-clash": [14, 5, "shared region \"Log\" has the same name as channel \"log\" once upper-cased for C constants (LOG); rename one of them"],
  "needs-priority-schedule": [7, 66, "partition \"ping\" gives a budget, but hart 0 is not priority-scheduled; add schedule: { hart0: { policy: \"priority\" } } or remove budget"],
  "no-partitions": [6, 3, "the system has no partitions; add one, e.g. ping: { app: \"ping.c\", memory: \"256K\", hart: 0 }"],
  "partition-name-invalid": [7, 5, "partition name \"2fast\" is not a C identifier: use letters, digits and _, not starting with a digit"],
  "partition-name-reserved": [7, 5, "partition name \"phase3\" is reserved for the hypervisor's own console lines; pick another"],
  "partition-unscheduled": [11, 34, "partition \"pong\" runs on hart 0, but no window of hart0 runs it, so it would never run; add a window such as [\"pong\", \"1ms\"]"],
  "pmp-entries-exceeded": [9, 5, "partition \"ping\" needs 9 PMP entries (for device uart1, its code, its RAM, channel a, channel b, channel c, channel d, channel e, channel f), but e300-arty has 8; grant it fewer devices, shared regions or channels, or give its memory a power-of-two size"],
  "pmp-napot-only": [8, 42, "the RAM of partition \"ping\" (24K at 0x40010000) needs a TOR entry, but litex-vexriscv-arty's PMP matches NAPOT entries only; give it a power-of-two size"],
  "priority-invalid": [7, 68, "priority of partition \"ping\" is 1.5; give a whole number from 0 to 255 (higher runs first)"],
  "region-access-invalid": [11, 54, "\"pong\" maps shared region \"table\" as \"read\"; use \"r\" (read), \"rw\" (read-write) or \"rx\" (read-execute)"],
  "region-access-write-only": [11, 54, "\"pong\" maps shared region \"table\" as \"w\", but RISC-V page tables cannot map memory writable but not readable; use \"rw\", \"r\" or \"rx\""],
  "region-exec-writable": [11, 53, "\"pong\" executes shared region \"code\", which \"ping\" may write: that would let \"ping\" run code as \"pong\"; map it \"r\" here or \"r\" for \"ping\""],
  "region-name-invalid": [11, 5, "shared region name \"int\" is reserved in C; pick another"],
  "region-single-user": [11, 26, "only \"ping\" maps shared region \"table\"; add the partition it shares with, or give \"ping\" more memory instead"],
  "region-size-invalid": [11, 20, "size of shared region \"table\" is 6K, not a non-zero multiple of 4K (the page size); try \"8K\""],
  "region-unused": [11, 5, "no partition maps shared region \"table\"; list its users in access, e.g. access: { a: \"rw\", b: \"r\" }, or remove it"],
  "region-user-unknown": [11, 65, "shared region \"table\" gives access to \"pang\", which is not a partition; use one of \"ping\", \"pong\""],
  "schedule-hart-unknown": [11, 5, "schedule for hart7, but qemu-virt has hart0 to hart1"],
  "schedule-invalid": [11, 22, "policy of hart0 is \"fifo\"; use \"priority\" or \"round-robin\", or give majorFrame and windows"],
  "schedule-time-invalid": [11, 53, "window 0 of hart0 is 0; give a positive time such as \"1ms\""],
  "shape-invalid": [7, 67, "devices of partition \"ping\" must be a list [ ... ], not \"virtio0\""],
  "stack-on-image": [7, 72, "partition \"ping\" runs a guest image, which sets up its own stack; remove stack"],
  "stack-size-invalid": [7, 55, "stack of \"ping\" is 1000 bytes, not a non-zero multiple of 16 (the RISC-V stack alignment); try 1008"],
  "stack-too-large": [7, 56, "partition \"ping\" has 16K of memory, too little for a 16K stack, its guard page, its device tree and one page of code"],
  "system-name-invalid": [4, 9, "system name \"my system\" is not a C identifier: use letters, digits and _, not starting with a digit"],
  "too-many-partitions": [9, 15, "the system has 256 partitions, more than the 255 Phase3 supports (partition ids are 8 bits); merge some"],
  "wait-sources-exceeded": [14, 5, "partition \"pong\" has 33 wait sources (33 channel ends, 0 interrupts), more than the 32 bits of p3_wait's mask; merge channels"],
  "watchdog-invalid": [7, 68, "watchdog of partition \"ping\" is 0, which would fault at once; give a positive time such as \"100ms\""],
  "window-overrun": [11, 78, "the windows of hart0 add up to 12ms, more than its 10ms major frame; this window ends at 12ms, so shorten the windows or lengthen majorFrame"],
  "window-partition-unknown": [11, 62, "window 1 of hart0 runs \"pnig\", which is not a partition; use one of \"ping\", \"pong\" or \"idle\""],
  "window-wrong-hart": [11, 62, "window 1 of hart0 runs \"pong\", which runs on hart 1; move the window to that hart's schedule or the partition to hart 0"],
};

/** Fixtures that cannot help finding a second problem, with the other rule they trip. */
const alsoFound: Record<string, string[]> = {};

const fixtureIds = () =>
  fs
    .readdirSync(RULE_FIXTURES)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();

describe("validation rules", () => {
  it("every rule has a failing fixture and an expectation", () => {
    const ids = rules.map((r) => r.id).sort();
    expect(fixtureIds()).toEqual(ids);
    expect(Object.keys(expected).sort()).toEqual(ids);
  });

  it("there are at least 40, with unique kebab-case ids, each saying in one line what it checks", () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(rule.summary).toMatch(/^[^\n]+\.$/);
    }
  });

  for (const [rule, [line, column, message]] of Object.entries(expected)) {
    it(`${rule}: reports the fixture's mistake where it is`, async () => {
      const file = path.join(RULE_FIXTURES, `${rule}.ts`);
      const result = await checkSpec(file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const mine = { rule, message, file, line, column, length: expect.any(Number) };
      expect(result.problems.filter((p) => p.rule === rule)).toEqual([mine]);
      expect(result.problems.map((p) => p.rule).sort()).toEqual([rule, ...(alsoFound[rule] ?? [])].sort());
      // one line each: a message never spans lines
      for (const p of result.problems) expect(p.message).not.toMatch(/\n/);
    });
  }

  it("passes every rule on each example and each valid fixture", async () => {
    const specs = [
      ...fs.readdirSync(path.join(ROOT, "examples")).map((e) => path.join(ROOT, "examples", e, "system.ts")),
      ...fs.readdirSync(path.join(FIXTURES, "valid")).filter((f) => f.endsWith(".ts")).map((f) => path.join(FIXTURES, "valid", f)),
    ];
    expect(specs.length).toBeGreaterThan(1);
    for (const spec of specs) {
      const result = await checkSpec(spec);
      expect(result.ok ? [] : result.problems, spec).toEqual([]);
    }
  });
});
