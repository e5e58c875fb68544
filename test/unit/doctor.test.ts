/**
 * `phase3 doctor`, run as a user runs it, in a child process whose PATH we
 * control. PHASE3_XPACK_DIR points the resolver at an empty xPack folder, so
 * that xPacks installed in the checkout cannot stand in for what PATH lacks.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hostKind } from "../../generator/cli/doctor/install-advice.ts";
import { isaExtensions } from "../../generator/cli/doctor/qemu-features.ts";
import { installCommand, TOOLS } from "../../generator/toolchain/resolve.ts";
import { phase3, removeTempDirs, tempDir } from "../helpers.ts";

afterAll(removeTempDirs);

/** A PATH holding only `make` (linked from the real one) and the given scripts. */
function controlledPath(scripts: Record<string, string> = {}): string {
  const bin = tempDir("phase3-doctor-bin-");
  fs.symlinkSync("/usr/bin/make", path.join(bin, "make"));
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return bin;
}

function doctorWith(pathDirs: string) {
  return phase3(["doctor"], { env: { PATH: pathDirs, PHASE3_XPACK_DIR: tempDir("phase3-no-xpacks-") }, timeoutMs: 60_000 });
}

describe("phase3 doctor", () => {
  it("lists every tool with its version and where it came from, and exits 0 on a ready machine", () => {
    const r = phase3(["doctor"], { timeoutMs: 60_000 });
    expect(r.stderr).toBe("");
    for (const name of ["gcc", "objcopy", "qemu-riscv64", "qemu-riscv32", "dtc", "gdb", "make"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ok +${name} +\\S.*\\n +(system|xPack): /\\S+$`, "m"));
    }
    expect(r.stdout).toMatch(/^  ok +qemu-system-riscv64 -machine virt +for qemu-virt/m);
    expect(r.stdout).toMatch(/^  ok +qemu-system-riscv64 -cpu rv64 has h, sstc +for qemu-virt/m);
    expect(r.stdout).toMatch(/everything Phase3 needs is here/);
    expect(r.status).toBe(0);
  });

  it("names each missing tool with the command that installs it, and exits 1", () => {
    const r = doctorWith(controlledPath());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^  ok +make +GNU Make/m);
    const host = hostKind();
    for (const name of ["gcc", "objcopy", "qemu-riscv64", "qemu-riscv32", "dtc", "gdb"] as const) {
      expect(r.stdout).toMatch(new RegExp(`^  missing +${name} +${TOOLS[name].purpose}$`, "m"));
      if (host === "debian") expect(r.stdout).toContain(`install: ${installCommand([TOOLS[name].debianPackage])}`);
    }
    // flash tools are optional: absent, not missing
    expect(r.stdout).toMatch(/^  absent +openocd +optional, /m);
    expect(r.stdout).toMatch(/^phase3 doctor: missing gcc, objcopy, qemu-riscv64, qemu-riscv32, dtc, gdb\.$/m);
    if (host === "debian") {
      const all = installCommand(["gcc-riscv64-unknown-elf", "binutils-riscv64-unknown-elf", "qemu-system-misc", "device-tree-compiler", "gdb-multiarch"]);
      expect(r.stdout).toContain(`    ${all}\n`);
    }
    expect(r.stdout).toMatch(/npm run setup/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("says when QEMU lacks a machine a board needs", () => {
    const qemu = 'case "$*" in --version) echo "QEMU emulator version 6.0.0";; "-machine help") echo "Supported machines are:"; echo "spike   RISC-V Spike board";; esac';
    const r = doctorWith(controlledPath({ "qemu-system-riscv64": qemu }));
    expect(r.stdout).toMatch(/^  ok +qemu-riscv64 +QEMU emulator version 6\.0\.0$/m);
    expect(r.stdout).toMatch(/^  missing qemu-system-riscv64 -machine virt +for qemu-virt\n +this QEMU has no "virt" machine/m);
    expect(r.status).toBe(1);
  });

  it("says when QEMU's CPU lacks an extension a board needs, from the device tree QEMU builds", () => {
    // a QEMU whose virt machine has a CPU without the H extension
    const qemu = [
      'case "$*" in --version) echo "QEMU emulator version 6.0.0"; exit 0;; "-machine help") echo "virt   RISC-V VirtIO board"; exit 0;; esac',
      'for arg in "$@"; do case "$arg" in *dumpdtb=*) printf "riscv,isa\\000rv64imafdc_zicsr_zifencei_sstc\\000" > "${arg#*dumpdtb=}";; esac; done',
    ].join("\n");
    const r = doctorWith(controlledPath({ "qemu-system-riscv64": qemu }));
    expect(r.stdout).toMatch(/^  ok +qemu-system-riscv64 -machine virt /m);
    expect(r.stdout).toMatch(/^  missing qemu-system-riscv64 -cpu rv64 has h, sstc +for qemu-virt\n +its CPU lacks h \(riscv,isa is rv64imafdc_zicsr_zifencei_sstc\)/m);
    expect(r.status).toBe(1);
  });
});

describe("a command that needs a missing tool", () => {
  it("names the tool and how to install it, and exits 1 (not an internal error)", () => {
    const r = phase3(["build", "examples/hello/system.ts", "--out", tempDir()], { env: { PATH: tempDir(), PHASE3_XPACK_DIR: tempDir() } });
    expect(r.stderr).toMatch(/^phase3: make is not installed; Phase3 needs it because it runs the generated Makefile\./m);
    expect(r.stderr).toMatch(/npx phase3 doctor/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(1);
  });
});

describe("doctor's helpers", () => {
  it("reads extensions from an ISA string", () => {
    expect([...isaExtensions("rv64imafdch_zicsr_zifencei_sstc")].sort()).toEqual(["a", "c", "d", "f", "h", "i", "m", "sstc", "zicsr", "zifencei"]);
    expect(isaExtensions("rv32gc").has("zicsr")).toBe(true);
  });

  it("recognises Debian, Ubuntu and their derivatives", () => {
    const dir = tempDir("phase3-os-release-");
    const write = (text: string) => (fs.writeFileSync(path.join(dir, "os-release"), text), path.join(dir, "os-release"));
    expect(hostKind(write('ID=ubuntu\nID_LIKE=debian\n'))).toBe("debian");
    expect(hostKind(write('ID=linuxmint\nID_LIKE="ubuntu debian"\n'))).toBe("debian");
    expect(hostKind(write("ID=fedora\n"))).toBe("other");
    expect(hostKind(path.join(dir, "nowhere"))).toBe("other");
  });
});
