/**
 * report.txt: the system explained for a person, from the spec and its
 * memory plan. The static part is written at generation; the image sizes are
 * filled in after make (`withImageSizes`), and kept across a regeneration
 * that changes nothing else, so an unchanged spec rewrites no file.
 */
import fs from "node:fs";
import path from "node:path";
import { GUARD_SIZE, type MemoryPlan } from "../../../spec/layout/index.ts";
import type { System } from "../../../spec/system.ts";
import { formatSize } from "../../../spec/units.ts";
import { readSections, type ElfSection } from "../../images/elf.ts";
import { table } from "./table.ts";
import { systemView, type HartView, type SystemView } from "./view.ts";

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
const size = (n: number) => formatSize(n);

/** The heading of the last section; everything after it is filled in after make. */
const SIZES_HEADING = "Image sizes";
const NOT_BUILT = "  Not built yet: `phase3 build` fills this in after make.";

function hostMap(view: SystemView, plan: MemoryPlan, system: System): string[] {
  const ram = view.board.ram;
  const kernel = plan.mode === "hypervisor" ? "hypervisor" : "kernel";
  const rows: { start: number; end: number; what: string }[] = [
    { start: plan.firmware.base, end: plan.firmware.base + plan.firmware.size, what: plan.firmwareCode ? `${kernel}: data, bss and stacks (its fixed reserve)` : `${kernel} (its fixed reserve)` },
    ...plan.partitions.map((p) => ({ start: p.host, end: p.host + p.size, what: `partition ${p.name}` })),
    ...plan.shared.map((s) => ({ start: s.host, end: s.host + s.size, what: `${s.kind === "region" ? "shared region" : "channel buffer"} ${s.name}` })),
  ];
  if (plan.mode === "hypervisor") rows.push({ start: plan.tables.base, end: plan.tables.base + plan.tables.size, what: "G-stage page tables" });
  if (plan.pristine.size > 0) rows.push({ start: plan.pristine.base, end: plan.pristine.base + plan.pristine.size, what: "pristine images of restartable partitions" });
  for (const r of system.board.memory.reserved ?? []) rows.push({ start: r.base, end: r.base + r.size, what: `reserved: ${r.reason}` });
  return [
    `Host physical memory: ${formatSize(ram.size)} of RAM at ${hex(ram.base)}`,
    "",
    ...memoryTable(rows, ram),
    ...codeMap(plan, system),
  ];
}

/** A memory's rows in address order, with the gaps between them, so that the table accounts for all of it. */
function memoryTable(rows: { start: number; end: number; what: string }[], memory: { base: number; size: number }): string[] {
  rows.sort((a, b) => a.start - b.start);
  const withGaps: typeof rows = [];
  let at = memory.base;
  for (const r of rows) {
    if (r.start > at) withGaps.push({ start: at, end: r.start, what: "free" });
    withGaps.push(r);
    at = Math.max(at, r.end);
  }
  if (at < memory.base + memory.size) withGaps.push({ start: at, end: memory.base + memory.size, what: "free" });
  return table(["start", "end", { title: "size", align: "right" }, "what"], withGaps.map((r) => [hex(r.start), hex(r.end), size(r.end - r.start), r.what]));
}

/** Where code runs, on a board that executes from flash or a separate instruction memory. */
function codeMap(plan: MemoryPlan, system: System): string[] {
  const code = system.board.memory.code;
  if (!plan.firmwareCode || !code) return [];
  const rows = [
    { start: plan.firmwareCode.base, end: plan.firmwareCode.base + plan.firmwareCode.size, what: "kernel: text, read-only data, initial data" },
    ...plan.partitions.flatMap((p) => (p.code ? [{ start: p.code.base, end: p.code.base + p.code.size, what: `partition ${p.name}: code and initial data` }] : [])),
  ];
  return ["", `Code memory: ${formatSize(code.size)} at ${hex(code.base)}, executed in place`, "", ...memoryTable(rows, code)];
}

function devices(view: SystemView): string[] {
  return [
    "Devices and interrupts",
    "",
    ...table(
      ["device", "kind", "base", { title: "size", align: "right" }, "irqs", "owner"],
      view.devices.map((d) => [d.name, d.kind, hex(d.base), size(d.size), d.irqs.join(", ") || "-", d.owner ?? "-"]),
    ),
  ];
}

function partitions(view: SystemView): string[] {
  return [
    "Partitions",
    "",
    ...table(
      [{ title: "id", align: "right" }, "name", "harts", { title: "memory", align: "right" }, { title: "stack", align: "right" }, "host RAM", "runs", "on fault", "also"],
      view.partitions.map((p) => [
        String(p.id),
        p.name,
        p.harts.join(", "),
        size(p.memory),
        p.stack ? size(p.stack) : "-",
        hex(p.host),
        p.runs,
        p.onFault,
        [p.watchdog && `watchdog ${p.watchdog}`, p.consoleInput && "console input"].filter(Boolean).join(", ") || "-",
      ]),
    ),
  ];
}

function guestMaps(plan: MemoryPlan, system: System): string[] {
  const out: string[] = [];
  for (const p of plan.partitions) {
    const rows = p.mappings.map((m) => ({ start: m.guest, end: m.guest + m.size, access: m.perms as string, what: m.what, host: hex(m.host) }));
    if (p.guard) rows.push({ start: p.guard, end: p.guard + GUARD_SIZE, access: "-", what: "guard page (unmapped)", host: "-" });
    rows.sort((a, b) => a.start - b.start);
    const heading =
      plan.mode === "hypervisor"
        ? `Partition ${p.name}: guest-physical view`
        : `Partition ${p.name}: what its PMP entries reach (${p.pmp.length} of ${system.board.pmp?.entries ?? "?"} entries; everything else faults)`;
    out.push(
      heading,
      "",
      ...table(["start", "end", { title: "size", align: "right" }, "access", "what", "host"], rows.map((r) => [hex(r.start), hex(r.end), size(r.end - r.start), r.access, r.what, r.host])),
      "",
    );
  }
  return out.slice(0, -1);
}

function channels(view: SystemView): string[] {
  if (view.channels.length === 0) return ["Channels", "", "  none"];
  return [
    "Channels (the sender maps the buffer read-write, the receiver read-only)",
    "",
    ...table(
      ["channel", "sender", "receiver", { title: "messages", align: "right" }, { title: "buffer", align: "right" }, "host", "guest", "notify"],
      view.channels.map((c) => [c.name, c.from, c.to, `${c.depth} x ${size(c.msgSize)}`, size(c.size), hex(c.host), hex(c.guest), c.notify ? "yes" : "no"]),
    ),
  ];
}

function regions(view: SystemView): string[] {
  if (view.regions.length === 0) return ["Shared regions", "", "  none"];
  return [
    "Shared regions",
    "",
    ...table(
      ["region", { title: "size", align: "right" }, "host", "guest", "users"],
      view.regions.map((r) => [r.name, size(r.size), hex(r.host), hex(r.guest), r.users.map((u) => `${u.partition} ${u.access}`).join(", ")]),
    ),
  ];
}

function hartSchedule(h: HartView): string[] {
  const s = h.schedule;
  if (h.partitions.length === 0) return [`hart ${h.id}: no partitions`];
  if (s.kind === "round-robin") return [`hart ${h.id}: round robin, ${s.slice} slices: ${s.partitions.join(", ")}`];
  if (s.kind === "priority") {
    return [
      `hart ${h.id}: highest priority first`,
      ...table(["partition", { title: "priority", align: "right" }, "budget"], s.partitions.map((p) => [p.name, String(p.priority), p.budget ?? "-"])).map((l) => `  ${l}`),
    ];
  }
  return [
    `hart ${h.id}: major frame ${s.majorFrame}${s.idle ? `, ${s.idle} idle at its end` : ""}`,
    ...table([{ title: "at", align: "right" }, { title: "for", align: "right" }, "runs"], s.windows.map((w) => [w.start, w.length, w.partition])).map((l) => `  ${l}`),
  ];
}

/** The report as generated: everything but the image sizes. */
export function renderReport(system: System, plan: MemoryPlan, banner: string): string {
  const view = systemView(system, plan);
  const sections = [
    [banner],
    [`System ${view.name} on ${view.board.name}: ${view.board.description}`, `Mode: ${view.mode}`],
    hostMap(view, plan, system),
    devices(view),
    partitions(view),
    guestMaps(plan, system),
    channels(view),
    regions(view),
    ["Schedule", "", ...view.harts.flatMap((h) => [...hartSchedule(h), ""]).slice(0, -1)],
    [SIZES_HEADING, "", NOT_BUILT],
  ];
  return `${sections.map((s) => s.join("\n")).join("\n\n")}\n`;
}

const headOf = (report: string) => report.slice(0, report.lastIndexOf(`\n${SIZES_HEADING}\n`) + SIZES_HEADING.length + 2);

/**
 * The report file to write at generation: the new report, unless the one in
 * the build folder says the same and only adds image sizes from a build.
 */
export function reportToWrite(outDir: string, report: string): string {
  try {
    const existing = fs.readFileSync(path.join(outDir, "report.txt"), "utf8");
    if (headOf(existing) === headOf(report)) return existing;
  } catch {
    // no report yet
  }
  return report;
}

/** Fills in the image sizes after make: the firmware's loadable segments and each app's. */
/** The allocated sections of an ELF file, or undefined when it is missing or unreadable. */
function sectionsOf(file: string): ElfSection[] | undefined {
  try {
    return readSections(fs.readFileSync(file), file);
  } catch {
    return undefined;
  }
}

/** What a section of the firmware image holds, by the names firmware.ld gives them. */
function holds(name: string): string {
  const image = /^\.p3\.image\.(\w+)$/.exec(name);
  if (image) return `image of ${image[1]}`;
  const tree = /^\.p3\.dtb\.(\w+)$/.exec(name);
  if (tree) return `device tree of ${tree[1]}`;
  const pristine = /^\.p3\.pristine\.(\w+?)(\.dtb)?$/.exec(name);
  if (pristine) return `pristine copy of ${pristine[1]}'s ${pristine[2] ? "device tree" : "image"}`;
  if (name === ".gstage") return "G-stage page tables";
  return `firmware ${name}`;
}

const within = (s: ElfSection, span: { base: number; size: number }) => s.address >= span.base && s.address < span.base + span.size;
const percent = (used: number, room: number) => `${Math.round((100 * used) / room)}%`;

export function withImageSizes(report: string, outDir: string, system: System, plan: MemoryPlan): string {
  const lines: string[] = [];
  const firmware = sectionsOf(path.join(outDir, `${system.name}.elf`));
  if (firmware) {
    const own = firmware.filter((s) => holds(s.name).startsWith("firmware"));
    const inRam = own.filter((s) => within(s, plan.firmware)).reduce((n, s) => n + s.size, 0);
    const code = plan.firmwareCode;
    // where the firmware's code runs from code memory, its reserve there is counted apart
    const inCode = code ? own.filter((s) => within(s, code)).reduce((n, s) => n + s.size, 0) : 0;
    lines.push(
      `${system.name}.elf: the firmware uses ${inRam} bytes of its ${formatSize(plan.firmware.size)} reserve of RAM (${percent(inRam, plan.firmware.size)})` +
        (code ? ` and ${inCode} bytes of its ${formatSize(code.size)} of code memory (${percent(inCode, code.size)})` : ""),
      ...table(
        ["address", { title: "bytes", align: "right" }, "access", "holds"],
        firmware.map((s) => [hex(s.address), String(s.size), s.access, holds(s.name)]),
      ),
    );
  }
  const apps: string[][] = [];
  for (const p of plan.partitions) {
    const sections = sectionsOf(path.join(outDir, "out", "app", p.name, `${p.name}.elf`));
    if (!sections) continue;
    const ram = { base: p.image.base, size: p.image.limit - p.image.base };
    const inRam = sections.filter((s) => within(s, ram)).reduce((n, s) => n + s.size, 0);
    apps.push([p.name, p.code ? "RAM" : "RAM, code included", String(inRam), String(ram.size), percent(inRam, ram.size)]);
    if (p.code) {
      const inCode = sections.filter((s) => within(s, p.code!)).reduce((n, s) => n + s.size, 0);
      apps.push([p.name, "code window", String(inCode), String(p.code.size), percent(inCode, p.code.size)]);
    }
  }
  if (apps.length) {
    lines.push(
      "",
      `Apps (code and data, ${plan.mode === "hypervisor" ? "below each partition's stack guard" : "beside each partition's stack"})`,
      ...table(["partition", "in", { title: "bytes", align: "right" }, { title: "room", align: "right" }, { title: "used", align: "right" }], apps),
    );
  }
  if (!lines.length) return report;
  return `${headOf(report)}\n${lines.join("\n")}\n`;
}
