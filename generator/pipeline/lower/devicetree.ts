/**
 * Each partition's device tree, as DTS text: its view of the machine, which
 * the hypervisor passes in a1 at entry, as firmware does. It describes the
 * guest's harts (its vCPUs, numbered from 0), its RAM (less the top page,
 * where the tree itself lives), the devices granted to it, a guest's virtual
 * console, the shared regions and channel buffers it maps, and how to reach
 * the hypervisor (SBI, and the Phase3 extension).
 *
 * The build compiles it with dtc (see firmware/build.mk).
 */
import { DEVICE_TREE_SIZE, type PartitionPlacement } from "../../../spec/layout/index.ts";
import { boardDevice, type DeviceKind } from "../../../spec/boards/profile.ts";
import type { System } from "../../../spec/system.ts";
import { hex } from "./format.ts";

/** The compatible strings a guest's drivers look for. */
const COMPATIBLE: Partial<Record<DeviceKind, string>> = {
  ns16550: '"ns16550a"',
  "goldfish-rtc": '"google,goldfish-rtc"',
  "virtio-mmio": '"virtio,mmio"',
  "sifive-uart": '"sifive,uart0"',
};

/** A 64-bit value as two DTS cells. */
function cells(value: number): string {
  return `${hex(Math.floor(value / 2 ** 32), 1)} ${hex(value % 2 ** 32, 1)}`;
}

function reg(base: number, size: number): string {
  return `reg = <${cells(base)} ${cells(size)}>;`;
}

/** The ISA a guest may use: the board's, without H (a guest is not a hypervisor) or F/D (not saved on switches). */
function guestIsa(system: System): string {
  const base = `rv${system.board.isa.xlen}i`;
  const single = ["m", "a", "c"].filter((e) => system.board.isa.extensions.includes(e as never)).join("");
  const multi = ["zicsr", "zifencei", "sstc"].filter((e) => system.board.isa.extensions.includes(e as never));
  return [base + single, ...multi].join("_");
}

export function deviceTreeSource(system: System, placement: PartitionPlacement, vcpuCount: number, extensionId: number): string[] {
  const spec = system.partitions[placement.name];
  const isGuest = spec.image !== undefined;
  const board = system.board;
  const lines: string[] = ["/dts-v1/;", "", "/ {"];
  const add = (depth: number, text: string) => lines.push(`${"\t".repeat(depth)}${text}`);

  add(1, "#address-cells = <2>;");
  add(1, "#size-cells = <2>;");
  add(1, 'compatible = "phase3,partition";');
  add(1, `model = "Phase3 partition ${placement.name} of ${system.name}";`);
  add(0, "");
  if (isGuest) {
    add(1, "chosen {");
    add(2, `stdout-path = "/soc/serial@${boardDevice(board, board.console).base.toString(16)}";`);
    add(1, "};");
    add(0, "");
  }
  add(1, "cpus {");
  add(2, "#address-cells = <1>;");
  add(2, "#size-cells = <0>;");
  add(2, `timebase-frequency = <${board.timebaseHz}>;`);
  for (let i = 0; i < vcpuCount; i++) {
    add(0, "");
    add(2, `cpu@${i} {`);
    add(3, 'device_type = "cpu";');
    add(3, `reg = <${i}>;`);
    add(3, 'compatible = "riscv";');
    add(3, `riscv,isa = "${guestIsa(system)}";`);
    add(3, `mmu-type = "riscv,sv${board.isa.xlen === 64 ? 39 : 32}";`);
    add(3, 'status = "okay";');
    add(3, `cpu${i}_intc: interrupt-controller {`);
    add(4, "#interrupt-cells = <1>;");
    add(4, "interrupt-controller;");
    add(4, 'compatible = "riscv,cpu-intc";');
    add(3, "};");
    add(2, "};");
  }
  add(1, "};");
  add(0, "");
  add(1, `memory@${placement.guest.toString(16)} {`);
  add(2, 'device_type = "memory";');
  add(2, reg(placement.guest, placement.size - DEVICE_TREE_SIZE));
  add(1, "};");
  add(0, "");
  add(1, "soc {");
  add(2, "#address-cells = <2>;");
  add(2, "#size-cells = <2>;");
  add(2, 'compatible = "simple-bus";');
  add(2, "ranges;");
  if (isGuest) {
    const uart = boardDevice(board, board.console);
    add(0, "");
    add(2, `serial@${uart.base.toString(16)} {`);
    add(3, '/* virtual: the hypervisor attributes its output to this partition */');
    add(3, 'compatible = "ns16550a";');
    add(3, reg(uart.base, 0x100));
    add(3, `clock-frequency = <${uart.clockHz ?? 0}>;`);
    add(2, "};");
  }
  for (const name of spec.devices ?? []) {
    const d = board.devices[name];
    if (!d) continue;
    add(0, "");
    add(2, `${name}@${d.base.toString(16)} {`);
    add(3, `compatible = ${COMPATIBLE[d.kind] ?? `"phase3,${d.kind}"`};`);
    add(3, reg(d.base, d.size));
    if (d.irqs.length) add(3, `phase3,interrupt-lines = <${d.irqs.join(" ")}>;`);
    add(2, "};");
  }
  add(1, "};");
  add(0, "");
  add(1, "hypervisor {");
  add(2, 'compatible = "phase3,hypervisor";');
  add(2, `phase3,partition = "${placement.name}";`);
  add(2, `phase3,extension-id = <${hex(extensionId, 1)}>;`);
  for (const m of placement.mappings.filter((x) => x.what.startsWith("shared ") || x.what.startsWith("channel "))) {
    const [kind, name] = m.what.split(" ");
    add(0, "");
    add(2, `${kind}-${name.replace(/_/g, "-")}@${m.guest.toString(16)} {`);
    add(3, `compatible = "phase3,${kind === "shared" ? "shared-memory" : "channel-buffer"}";`);
    add(3, reg(m.guest, m.size));
    add(3, `phase3,access = "${m.perms}";`);
    add(2, "};");
  }
  add(1, "};");
  add(0, "};");
  return lines;
}
