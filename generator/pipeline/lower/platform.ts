/**
 * Lowering the board's devices into what the drivers need: base addresses,
 * the console's registers and clock, the timer, the interrupt controller and
 * the context or domain the firmware's privilege level uses there, and which
 * driver sources the Makefile builds.
 */
import { boardDevice, deviceEntries, driverSource, type BoardProfile, type DeviceProfile } from "../../../spec/boards/profile.ts";
import type { ExecutionMode } from "../../../spec/system.ts";
import { formatSize } from "../../../spec/units.ts";
import { firmwareDevices } from "../../../spec/validate/devices.ts";
import { constantName, hex } from "./format.ts";
import type { Define, DeviceModel, PartitionModel } from "./model.ts";

export const CONSOLE_BAUD = 115_200;

/** Where platform_exit() comes from on a board that cannot end a run: it halts. */
export const NO_EXIT_DEVICE_SOURCE = "platform/no_exit_device.c";

/** Where GCC's __atomic calls go on a board whose harts lack the A extension (one hart, microkernel: plain loads and stores). */
export const NO_ATOMICS_SOURCE = "platform/single_hart_atomics.c";

/** The board's devices in address order, each with who uses it: a partition the spec grants it, or the firmware in a role. */
export function lowerDevices(board: BoardProfile, partitions: PartitionModel[]): DeviceModel[] {
  const firmware = firmwareDevices(board);
  const owners = new Map<string, string>();
  for (const p of partitions) for (const d of p.devices) owners.set(d, p.name);
  const roles: Record<string, string> = { [board.console]: "console", [board.interruptController]: "interrupts", [board.timer]: "timer" };
  if (board.exitDevice) roles[board.exitDevice] = "exit";
  return deviceEntries(board)
    .map(([name, d]) => {
      const partition = owners.get(name);
      const owner = partition ?? (firmware.has(name) ? `firmware (${roles[name]})` : undefined);
      return { name, kind: d.kind, base: d.base, size: d.size, irqs: d.irqs, owner, ownerIsPartition: partition !== undefined };
    })
    .sort((a, b) => a.base - b.base);
}

/** A device as p3_config.h's map lists it. */
export function deviceLine(d: DeviceModel): string {
  return `${hex(d.base)} ${d.name.padEnd(10)} ${d.kind.padEnd(13)} ${formatSize(d.size).padStart(5)}${d.irqs.length ? `  irq ${d.irqs.join(",")}` : ""}`;
}

export function deviceDefines(board: BoardProfile, devices: DeviceModel[], mode: ExecutionMode): Define[] {
  const defines: Define[] = devices.map((d) => ({ name: `P3_${constantName(d.name)}_BASE`, value: hex(d.base), comment: `${d.kind}, ${formatSize(d.size)}` }));
  const consoleDevice = boardDevice(board, board.console);
  const timer = boardDevice(board, board.timer);
  const controller = boardDevice(board, board.interruptController);
  defines.push(
    { name: "P3_CONSOLE_BASE", value: hex(consoleDevice.base), comment: `console: ${board.console}` },
    { name: "P3_CONSOLE_REG_SHIFT", value: String(consoleDevice.regShift ?? 0) },
    { name: "P3_CONSOLE_CLOCK_HZ", value: String(consoleDevice.clockHz ?? 0) },
    { name: "P3_CONSOLE_BAUD", value: String(CONSOLE_BAUD) },
    { name: "P3_TIMER_BASE", value: hex(timer.base), comment: `timer and IPIs: ${board.timer}` },
    ...(timer.irqs.length ? [{ name: "P3_TIMER_IRQ", value: String(timer.irqs[0]), comment: "the timer's line at the interrupt controller" }] : []),
    ...(timer.clockHz ? [{ name: "P3_TIMER_CLOCK_HZ", value: String(timer.clockHz) }] : []),
    ...controllerDefines(board, controller, mode),
  );
  if (board.exitDevice) defines.push({ name: "P3_EXIT_BASE", value: hex(boardDevice(board, board.exitDevice).base), comment: `run exit: ${board.exitDevice}` });
  return defines;
}

/** What the interrupt controller's driver needs to know. */
function controllerDefines(board: BoardProfile, controller: DeviceProfile, mode: ExecutionMode): Define[] {
  const defines: Define[] = [{ name: "P3_IRQC_BASE", value: hex(controller.base), comment: `interrupt controller: ${board.interruptController} (${controller.kind})` }];
  if (controller.hartInterrupt !== undefined) {
    defines.push({ name: "P3_CONTROLLER_IRQ", value: String(controller.hartInterrupt), comment: "the hart interrupt the controller raises" });
  }
  if (controller.kind === "aplic") {
    const root = deviceEntries(board).find(([, d]) => d.kind === "aplic-m");
    if (mode === "microkernel" && root) {
      // an M-mode kernel drives the root domain itself, delegating nothing
      return [
        ...defines,
        { name: "P3_APLIC_DOMAIN_BASE", value: hex(root[1].base), comment: `${root[0]}: the machine domain the kernel drives` },
        { name: "P3_APLIC_SOURCES", value: String(root[1].sources ?? controller.sources ?? 0) },
      ];
    }
    return [
      ...defines,
      { name: "P3_APLIC_DOMAIN_BASE", value: hex(controller.base), comment: `interrupt controller: ${board.interruptController}, the supervisor domain` },
      { name: "P3_APLIC_SOURCES", value: String(controller.sources ?? 0) },
      ...(root ? [{ name: "P3_APLIC_M_BASE", value: hex(root[1].base), comment: `${root[0]}: the M stage delegates every source to the supervisor domain` }] : []),
    ];
  }
  if (controller.kind === "plic") {
    const contexts = controller.contexts ?? { perHart: 1, machine: 0 };
    const context = mode === "microkernel" ? contexts.machine : (contexts.supervisor ?? 0);
    return [
      ...defines,
      { name: "P3_PLIC_BASE", value: hex(controller.base), comment: `interrupt controller: ${board.interruptController}` },
      {
        name: "P3_PLIC_CONTEXT(hart)",
        value: `((hart) * ${contexts.perHart} + ${context})`,
        comment: `a hart's ${mode === "microkernel" ? "machine" : "supervisor"}-mode context`,
      },
    ];
  }
  return defines;
}

export function platformSources(board: BoardProfile): string[] {
  const used = [board.console, board.timer, board.interruptController, ...(board.exitDevice ? [board.exitDevice] : [])];
  // board-unsupported has checked each of these has a driver
  const sources = used.map((name) => driverSource(boardDevice(board, name).kind));
  if (!board.exitDevice) sources.push(NO_EXIT_DEVICE_SOURCE);
  if (!board.isa.extensions.includes("a")) sources.push(NO_ATOMICS_SOURCE);
  return [...new Set(sources)].sort();
}
