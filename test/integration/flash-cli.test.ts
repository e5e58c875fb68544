/**
 * `phase3 flash` as a user runs it. Tool flows: the dry run prints exact
 * command lines, and with fake openFPGALoader, openocd and gdb first on PATH
 * (scripts that record their arguments) the real run executes exactly those
 * lines. Serial flows: the CLI against a fake boot ROM on a pseudo-terminal.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readElf } from "../../generator/images/elf.ts";
import { firstDifference, type MemoryImage } from "../../generator/images/image.ts";
import { writeIntelHex } from "../../generator/images/ihex.ts";
import { writeRaw } from "../../generator/images/raw.ts";
import { outDir, ROOT, type CliResult } from "../helpers.ts";
import { FakeBoard } from "../pty.ts";

const E300 = path.join("test", "fixtures", "boards", "e300Arty.ts");
const CVA6 = path.join("test", "fixtures", "boards", "cva6Genesys2.ts");
const LITEX = path.join("test", "fixtures", "boards", "litexVexRiscvArty.ts");

const FAKES: Record<string, string> = {
  openFPGALoader: `printf '%s\\n' "$@" > "$PHASE3_FAKE_LOG/openFPGALoader.argv"\nexit "\${FAKE_OPENFPGALOADER_STATUS:-0}"`,
  openocd: [
    `printf '%s\\n' "$@" > "$PHASE3_FAKE_LOG/openocd.argv"`,
    `if [ -n "$FAKE_OPENOCD_FAIL" ]; then echo "Error: no device found" >&2; exit 1; fi`,
    `trap 'echo terminated > "$PHASE3_FAKE_LOG/openocd.exit"; exit 0' TERM`,
    `echo "Info : Listening on port 3333 for gdb connections" >&2`,
    "while :; do sleep 0.05; done",
  ].join("\n"),
  "riscv-none-elf-gdb": `printf '%s\\n' "$@" > "$PHASE3_FAKE_LOG/gdb.argv"\nexit 0`,
};

let fakeBin: string;
let images: string;
const e300Image: MemoryImage = { entry: 0x2040_0000, segments: [{ address: 0x2040_0000, bytes: Uint8Array.from({ length: 600 }, (_, i) => i & 0xff) }] };
const cva6Image: MemoryImage = { segments: [{ address: 0x8000_0000, bytes: Uint8Array.from({ length: 500 }, (_, i) => (i * 3) & 0xff) }] };

beforeAll(() => {
  fakeBin = outDir("flash-cli-fake-bin");
  for (const [name, body] of Object.entries(FAKES)) fs.writeFileSync(path.join(fakeBin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  images = outDir("flash-cli-images");
  fs.writeFileSync(path.join(images, "app.bin"), writeRaw(e300Image));
  fs.writeFileSync(path.join(images, "app.hex"), writeIntelHex(e300Image));
  fs.writeFileSync(path.join(images, "boot.bin"), writeRaw(cva6Image));
});

/** Runs phase3 without blocking the event loop (a fake board may have to answer meanwhile). */
function phase3(args: string[], env: Record<string, string> = {}): Promise<CliResult & { log: string }> {
  const log = fs.mkdtempSync(path.join(os.tmpdir(), "phase3-fake-log-"));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "generator", "cli", "phase3.mjs"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", PATH: `${fakeBin}${path.delimiter}${process.env.PATH}`, PHASE3_FAKE_LOG: log, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? -1, stdout, stderr, log });
    });
  });
}

/** Splits a command line printed by the dry run back into words (it quotes with single quotes only). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
  return words;
}

const argv = (log: string, tool: string) => fs.readFileSync(path.join(log, `${tool}.argv`), "utf8").split("\n").slice(0, -1);
const withoutTiming = (stdout: string) => stdout.replace(/ {2}\d+\.\ds$/gm, "");

describe("openFPGALoader flow (e300-arty)", () => {
  it("--dry-run prints the exact command", async () => {
    const bin = path.join(images, "app.bin");
    const r = await phase3(["flash", E300, "--image", bin, "--dry-run"]);
    expect(r.stderr).toBe("");
    expect(withoutTiming(r.stdout)).toBe(
      [
        "e300-arty:spi-flash: writes the image into the Arty's SPI flash at 0x400000, past the bitstream, over the board's USB JTAG",
        `${fakeBin}/openFPGALoader --board arty --write-flash --offset 4194304 --verify ${bin}`,
        "phase3 dry run: nothing was sent to e300-arty",
        "",
      ].join("\n"),
    );
    expect(fs.existsSync(path.join(r.log, "openFPGALoader.argv"))).toBe(false);
    expect(r.status).toBe(0);
  });

  it("runs exactly the command the dry run printed", async () => {
    const args = ["flash", E300, "--image", path.join(images, "app.bin")];
    const dry = await phase3([...args, "--dry-run"]);
    const real = await phase3(args);
    expect(real.stderr).toBe("");
    expect(real.status).toBe(0);
    expect(argv(real.log, "openFPGALoader")).toEqual(shellWords(dry.stdout.split("\n")[1]).slice(1));
  });

  it("converts an Intel HEX image to a raw binary in a content-named file first", async () => {
    const dry = await phase3(["flash", E300, "--image", path.join(images, "app.hex"), "--dry-run"]);
    const note = /^# first writes (\S+\.bin) from app\.hex$/m.exec(dry.stdout);
    expect(note).not.toBeNull();
    const real = await phase3(["flash", E300, "--image", path.join(images, "app.hex")]);
    expect(real.status).toBe(0);
    expect(argv(real.log, "openFPGALoader").at(-1)).toBe(note![1]);
    expect(Buffer.compare(fs.readFileSync(note![1]), Buffer.from(writeRaw(e300Image)))).toBe(0);
  });

  it("reports openFPGALoader's failure", async () => {
    const r = await phase3(["flash", E300, "--image", path.join(images, "app.bin")], { FAKE_OPENFPGALOADER_STATUS: "3" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("phase3: openFPGALoader failed with status 3: the SPI flash may hold part of the image (it erases before it writes); check the cable and run again\n");
  });

  it("refuses an image linked elsewhere than the program flash", async () => {
    const r = await phase3(["flash", E300, "--image", path.join(images, "boot.bin.hex"), "--dry-run"]);
    expect(r.stderr).toMatch(/boot\.bin\.hex: cannot read it \(ENOENT\)\n$/);
    fs.writeFileSync(path.join(images, "dram.hex"), writeIntelHex(cva6Image));
    const wrong = await phase3(["flash", E300, "--image", path.join(images, "dram.hex"), "--dry-run"]);
    expect(wrong.stderr).toBe(
      "phase3: dram.hex starts at 0x80000000, but e300-arty runs the program from SPI flash offset 0x00400000, which appears at 0x20400000: build it for e300-arty, or pass an image linked there\n",
    );
    expect(wrong.status).toBe(1);
  });
});

describe("openocd + gdb flow (e300-arty:jtag)", () => {
  it("--dry-run prints openocd's and gdb's exact commands; the real run runs them and stops openocd", async () => {
    const args = ["flash", E300, "--board", "e300-arty:jtag", "--image", path.join(images, "app.hex")];
    const dry = await phase3([...args, "--dry-run"]);
    expect(dry.status).toBe(0);
    const lines = dry.stdout.split("\n");
    expect(lines[0]).toBe("e300-arty:jtag: loads the ELF through the core's debug module with openocd and gdb, via an Olimex ARM-USB-TINY-H on PMOD JD");
    const elf = /^# first writes (\S+\.elf) from app\.hex$/.exec(lines[1])![1];
    expect(lines[2]).toBe(
      `${fakeBin}/openocd -c 'gdb_port 3333' -c 'telnet_port disabled' -c 'tcl_port disabled' -c 'source [find interface/ftdi/olimex-arm-usb-tiny-h.cfg]' -c 'adapter speed 1000' -c 'transport select jtag' -c 'jtag newtap riscv cpu -irlen 5' -c 'target create riscv.cpu riscv -chain-position riscv.cpu' -c 'riscv.cpu configure -work-area-phys 0x80000000 -work-area-size 0x4000 -work-area-backup 1' -c 'flash bank spi0 fespi 0x20000000 0 0 0 riscv.cpu 0x10014000' -c init -c halt -c 'flash protect 0 64 last off' &`,
    );
    expect(lines[3]).toBe("# once openocd listens on port 3333 for gdb:");
    expect(lines[4]).toBe(
      `${fakeBin}/riscv-none-elf-gdb -q -batch -nx -ex 'set confirm off' -ex 'set remotetimeout 60' -ex 'target extended-remote localhost:3333' -ex load -ex compare-sections -ex 'monitor resume' -ex detach ${elf}`,
    );

    const real = await phase3(args);
    expect(real.stderr).toBe("");
    expect(real.status).toBe(0);
    expect(argv(real.log, "openocd")).toEqual(shellWords(lines[2].replace(/ &$/, "")).slice(1));
    expect(argv(real.log, "gdb")).toEqual(shellWords(lines[4]).slice(1));
    expect(fs.readFileSync(path.join(real.log, "openocd.exit"), "utf8")).toBe("terminated\n");
    // The ELF gdb loads holds the image at its addresses.
    expect(firstDifference(readElf(fs.readFileSync(elf)), e300Image)).toBeUndefined();
  });

  it("says so when openocd cannot reach the adapter", async () => {
    const r = await phase3(["flash", E300, "--board", "e300-arty:jtag", "--image", path.join(images, "app.bin")], { FAKE_OPENOCD_FAIL: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "phase3: openocd stopped (status 1) before it could serve gdb: is the JTAG adapter plugged in and the board powered? It said:\nError: no device found\n",
    );
    expect(fs.existsSync(path.join(r.log, "gdb.argv"))).toBe(false);
  });
});

describe("choosing the flow", () => {
  it("a wrong --board lists the spec's board's targets", async () => {
    const r = await phase3(["flash", E300, "--board", "arty", "--image", path.join(images, "app.bin"), "--dry-run"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      [
        "phase3: --board arty is not a flash target of this spec. The spec's board is e300-arty; to flash another board, use a spec for it. Choose one of:",
        "  e300-arty            the same as e300-arty:spi-flash",
        "  e300-arty:spi-flash  writes the image into the Arty's SPI flash at 0x400000, past the bitstream, over the board's USB JTAG",
        "  e300-arty:jtag       loads the ELF through the core's debug module with openocd and gdb, via an Olimex ARM-USB-TINY-H on PMOD JD",
        "",
      ].join("\n"),
    );
  });

  it("a QEMU board has nothing to flash", async () => {
    const r = await phase3(["flash", "examples/hello/system.ts", "--dry-run"]);
    expect(r.stderr).toBe("phase3: qemu-virt is a QEMU machine: there is nothing to flash; boot it with `phase3 run`\n");
    expect(r.status).toBe(1);
  });

  it("without --image, a system on the E300 is built (microkernel mode) and its raw image goes to the flash offset", async () => {
    const r = await phase3(["flash", E300, "--dry-run", "--out", outDir("flash-cli-e300-build")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/built .*on_e300Arty\.elf/);
    expect(r.stdout).toMatch(/^# first writes \S+\.bin from on_e300Arty\.elf$/m);
    expect(r.stdout).toMatch(/openFPGALoader --board arty --write-flash --offset 4194304 --verify \S+\.bin$/m);
    expect(r.stdout).toMatch(/nothing was sent to e300-arty/);
    expect(r.status).toBe(0);
  });
});

describe("serial flows from the command line", () => {
  it("--dry-run shows the LiteX frames it would send", async () => {
    const image: MemoryImage = { entry: 0x4000_0000, segments: [{ address: 0x4000_0000, bytes: new Uint8Array(2000).fill(0x13) }] };
    fs.writeFileSync(path.join(images, "litex.hex"), writeIntelHex(image));
    const r = await phase3(["flash", LITEX, "--image", path.join(images, "litex.hex"), "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("LiteX BIOS serial boot (SFL) on /dev/ttyUSB1 at 115200 baud, 8N1, 2000 image bytes:");
    expect(r.stdout).toContain('  wait   for "sL5DdSMmkekro\\n"');
    expect(r.stdout).toContain('  send   7a 36 49 48 47 37 63 59 44 49 44 36 6f 0a  "z6IHG7cYDID6o\\n"');
    expect(r.stdout).toMatch(/^ {2}frame {2}ff [0-9a-f]{2} [0-9a-f]{2} 01 40 00 00 00 13 13 13 13 … /m);
    // 2000 bytes are 8 LOAD frames of up to 251 bytes, then the JUMP: the first two and last two are shown.
    expect(r.stdout).toContain("  … 5 more frames like these, each answered K …");
    expect(r.stdout).toMatch(/^ {2}frame {2}04 [0-9a-f]{2} [0-9a-f]{2} 02 40 00 00 00$/m);
  });

  it("uploads to a CVA6 boot ROM on --port, and exits 1 with the reason when it does not answer", async () => {
    const fake = await FakeBoard.open();
    try {
      const running = phase3(["flash", CVA6, "--image", path.join(images, "boot.bin"), "--port", fake.path, "--wait", "10"]);
      await fake.until(0);
      // The boot ROM after reset, printed once the flasher listens.
      await new Promise((r) => setTimeout(r, 1_500));
      fake.say("Hello World!\r\nHit any key to enter update mode .");
      await fake.read(1, 10_000);
      fake.say(" updating!\r\nreceiving boot image\r\nsize: ");
      const size = (await fake.read(4)).readUInt32LE(0);
      fake.say(`${size.toString(16).toUpperCase().padStart(8, "0")}\r\nreceiving `);
      const got = await fake.read(size);
      fake.say(" done!\r\n");
      const r = await running;
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(Buffer.compare(got, Buffer.from(cva6Image.segments[0].bytes))).toBe(0);
    } finally {
      fake.close();
    }

    const silent = await FakeBoard.open();
    try {
      const r = await phase3(["flash", CVA6, "--image", path.join(images, "boot.bin"), "--port", silent.path, "--wait", "1"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^phase3: no answer from the board on \/dev\/pts\/\d+ within 1\.0 s/);
      expect(r.stderr).toMatch(/Nothing of the image was sent: the board's memory is as it was\.\n$/);
    } finally {
      silent.close();
    }
  });

  it("names a missing port and refuses --port for a JTAG flow", async () => {
    const missing = await phase3(["flash", CVA6, "--image", path.join(images, "boot.bin"), "--port", "/dev/ttyNOPE9"]);
    expect(missing.stderr).toBe("phase3: serial port /dev/ttyNOPE9 does not exist: is the board plugged in? Name its port with --port, e.g. --port /dev/ttyUSB1\n");
    const jtag = await phase3(["flash", CVA6, "--board", "cva6-genesys2:jtag", "--image", path.join(images, "boot.bin"), "--port", "/dev/ttyUSB0", "--dry-run"]);
    expect(jtag.stderr).toBe("phase3: --port is for the serial boot flows; cva6-genesys2:jtag runs openocd and gdb over JTAG\n");
  });
});

