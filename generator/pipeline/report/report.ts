/**
 * report.txt: the system explained for a person, printed from the lowered
 * model (the same memory map p3_config.h draws) and, once make has built
 * them, the images' sizes. It is written once per build, after the images.
 */
import { formatSize } from "../../../spec/units.ts";
import { hexAddress as hex } from "../../images/image.ts";
import type { HartModel, MemoryMapModel, Model } from "../lower/model.ts";
import type { ImageSizes } from "./sizes.ts";
import { table } from "./table.ts";

const size = (n: number) => formatSize(n);

/** What the last section says before make has built the images. */
export const NOT_BUILT = "  Not built yet: `phase3 build` fills this in after make.";

function memoryTable(map: MemoryMapModel): string[] {
  return table(["start", "end", { title: "size", align: "right" }, "what"], map.rows.map((r) => [hex(r.start), hex(r.end), size(r.end - r.start), r.what]));
}

function memoryMaps(model: Model): string[] {
  const { host, code } = model.memory;
  return [host.title, "", ...memoryTable(host), ...(code ? ["", code.title, "", ...memoryTable(code)] : [])];
}

function devices(model: Model): string[] {
  return [
    "Devices and interrupts",
    "",
    ...table(
      ["device", "kind", "base", { title: "size", align: "right" }, "irqs", "owner"],
      model.devices.map((d) => [d.name, d.kind, hex(d.base), size(d.size), d.irqs.join(", ") || "-", d.owner ?? "-"]),
    ),
  ];
}

function partitions(model: Model): string[] {
  return [
    "Partitions",
    "",
    ...table(
      [{ title: "id", align: "right" }, "name", "harts", { title: "memory", align: "right" }, { title: "stack", align: "right" }, "host RAM", "runs", "on fault", "also"],
      model.partitions.map((p) => [
        String(p.id),
        p.name,
        p.harts.join(", "),
        size(p.memoryBytes),
        p.stackBytes ? size(p.stackBytes) : "-",
        hex(p.hostAddress),
        p.runs,
        p.faultText,
        [p.watchdogText && `watchdog ${p.watchdogText}`, p.consoleInput && "console input"].filter(Boolean).join(", ") || "-",
      ]),
    ),
  ];
}

function guestViews(model: Model): string[] {
  return model.partitions.flatMap((p, i) => [
    ...(i ? [""] : []),
    p.view.title,
    "",
    ...table(["start", "end", { title: "size", align: "right" }, "access", "what", "host"], p.view.rows.map((r) => [hex(r.start), hex(r.end), size(r.end - r.start), r.access, r.what, r.host])),
  ]);
}

function channels(model: Model): string[] {
  if (model.channels.length === 0) return ["Channels", "", "  none"];
  return [
    "Channels (the sender maps the buffer read-write, the receiver read-only)",
    "",
    ...table(
      ["channel", "sender", "receiver", { title: "messages", align: "right" }, { title: "buffer", align: "right" }, "host", "guest", "notify"],
      model.channels.map((c) => [c.name, c.fromName, c.toName, `${c.depth} x ${size(c.msgSize)}`, size(c.bufferSize), c.host, c.guest, c.notify ? "yes" : "no"]),
    ),
  ];
}

function regions(model: Model): string[] {
  if (model.regions.length === 0) return ["Shared regions", "", "  none"];
  return [
    "Shared regions",
    "",
    ...table(
      ["region", { title: "size", align: "right" }, "host", "guest", "users"],
      model.regions.map((r) => [r.name, size(r.size), r.host, r.guest, r.users.map((u) => `${u.partition} ${u.access}`).join(", ")]),
    ),
  ];
}

function hartSchedule(h: HartModel): string[] {
  const s = h.schedule;
  if (h.partitionNames.length === 0) return [`hart ${h.id}: no partitions`];
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

const percent = (used: number, room: number) => `${Math.round((100 * used) / room)}%`;

/** The images' sizes against the room the memory map gives them. */
function imageSizes(model: Model, sizes: ImageSizes | undefined): string[] {
  if (!sizes) return [NOT_BUILT];
  const lines: string[] = [];
  const { ram, code } = model.firmwareSpans;
  const f = sizes.firmware;
  lines.push(
    `${model.system.name}.elf: the firmware uses ${f.inRam} bytes of its ${size(ram.size)} reserve of RAM (${percent(f.inRam, ram.size)})` +
      (code ? ` and ${f.inCode} bytes of its ${size(code.size)} of code memory (${percent(f.inCode, code.size)})` : ""),
    ...table(["address", { title: "bytes", align: "right" }, "access", "holds"], f.sections.map((s) => [hex(s.address), String(s.size), s.access, s.holds])),
  );
  const apps: string[][] = [];
  for (const p of model.partitions) {
    const app = sizes.apps.get(p.name);
    if (!app) continue;
    apps.push([p.name, p.imageCode ? "RAM" : "RAM, code included", String(app.inRam), String(p.imageRam.size), percent(app.inRam, p.imageRam.size)]);
    if (p.imageCode) apps.push([p.name, "code window", String(app.inCode), String(p.imageCode.size), percent(app.inCode, p.imageCode.size)]);
  }
  if (apps.length) {
    lines.push(
      "",
      `Apps (code and data, ${model.isHypervisor ? "below each partition's stack guard" : "beside each partition's stack"})`,
      ...table(["partition", "in", { title: "bytes", align: "right" }, { title: "room", align: "right" }, { title: "used", align: "right" }], apps),
    );
  }
  return lines;
}

/** The whole report; without sizes (nothing built yet) its last section says so. */
export function renderReport(model: Model, sizes?: ImageSizes): string {
  const sections = [
    [model.banner],
    [`System ${model.system.name} on ${model.board.name}: ${model.board.description}`, `Mode: ${model.mode}`],
    memoryMaps(model),
    devices(model),
    partitions(model),
    guestViews(model),
    channels(model),
    regions(model),
    ["Schedule", "", ...model.harts.flatMap((h) => [...hartSchedule(h), ""]).slice(0, -1)],
    ["Image sizes", "", ...imageSizes(model, sizes)],
  ];
  return `${sections.map((s) => s.join("\n")).join("\n\n")}\n`;
}
