/**
 * `phase3 run --gdb`: QEMU waits before the first instruction, and the gdb
 * command the CLI prints for a partition works as printed: it connects, sees
 * the reset vector, stops at the partition's main with its source, and on
 * quitting lets the system run to its end.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, outDir } from "../helpers.ts";
import { freePort, startPhase3 } from "../live.ts";

const HELLO = path.join("examples", "hello", "system.ts");

describe("phase3 run --gdb", () => {
  it("prints one gdb command per ELF, and QEMU waits for it", async () => {
    const port = await freePort();
    const out = path.relative(ROOT, outDir("gdb-hello"));
    const run = startPhase3(["run", HELLO, "--out", out, "--icount", "--gdb-port", String(port)]);
    try {
      await run.waitFor(/booting on qemu-virt/, 60_000);
      const text = run.output();
      expect(text).toContain(`QEMU is waiting for a debugger on localhost:${port}`);
      const target = `-ex 'directory ${out}' -ex 'target remote localhost:${port}'`;
      expect(text).toContain(`  the hypervisor (M stage and HS-mode):\n    gdb-multiarch -q ${out}/hello.elf ${target}\n`);
      expect(text).toContain(`  partition pong (VMID 2):\n    gdb-multiarch -q ${out}/out/app/pong/pong.elf ${target}\n`);
      expect(text).toMatch(/linked at guest-physical 0x80000000, where the hypervisor's own code sits/);
      expect(text).toContain("break main if ($hgatp >> 44 & 0x3fff) == 1");
      // nothing ran yet: QEMU is waiting
      expect(text).not.toMatch(/^\[phase3\]/m);

      const ping = /^ {2}partition ping \(VMID 1\):\n {4}(.+)$/m.exec(text)![1];
      const extra = ["-batch", "-ex", "'p/x $pc'", "-ex", "'break main if ($hgatp >> 44 & 0x3fff) == 1'", "-ex", "continue", "-ex", "'p $priv'", "-ex", "'list main'"];
      const gdb = spawnSync("bash", ["-c", `${ping} ${extra.join(" ")}`], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      expect(gdb.stdout).toMatch(/^\$1 = 0x1000$/m); // QEMU virt's reset vector: nothing has run
      expect(gdb.stdout).toMatch(/Breakpoint 1, main \(\) at \S*\/hello\/ping\.c:6/);
      expect(gdb.stdout).toMatch(/^\$2 = 1$/m); // supervisor level: VS-mode, in the partition
      expect(gdb.stdout).toMatch(/p3_printf\("hello from %s, partition %d\\n"/); // the source was found

      // gdb detached: the system runs on to its end
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/^\[ping\] hello from ping, partition 0$/m);
      expect(run.output()).toMatch(/status 0: every partition returned 0/);
    } finally {
      run.stop();
    }
  });
});
