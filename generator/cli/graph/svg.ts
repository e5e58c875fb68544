/**
 * `phase3 graph`: the system as an SVG a person can open. Hand-written and
 * deterministic (the same spec gives the same bytes), drawn from the same
 * lowered model as report.txt:
 *
 *   - a lane per hart, headed by its schedule, holding its partitions;
 *   - each partition a box: name, id, memory, what it runs, its fault
 *     policy, and a chip for each device it owns (with its interrupts);
 *   - channels as arrows from sender to receiver, labelled name and
 *     depth × message size;
 *   - shared regions as boxes below the lanes, a dashed line to each user
 *     labelled with its access;
 *   - the devices the firmware keeps, in a box above the lanes.
 */
import path from "node:path";
import { formatSize } from "../../../spec/units.ts";
import type { ChannelModel, HartModel, Model, PartitionModel } from "../../pipeline/lower/model.ts";

const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
const MARGIN = 24;
const LANE_W = 250;
const LANE_GAP = 170;
const BOX_X = 40; // a partition box's left edge inside its lane: the gutter carries region lines
const BOX_W = 190;
const BOX_GAP = 64;
const LANE_HEAD = 48;
const CHIP_H = 18;
/** One hue per shared region, so that its lines can be told apart: [line, fill]. */
const REGION_HUES: [string, string][] = [["#1a7f37", "#dafbe1"], ["#8250df", "#fbefff"], ["#bc4c00", "#fff1e5"], ["#0a7ea4", "#ddf4ff"], ["#bf3989", "#ffeff7"], ["#57606a", "#f6f8fa"]];
const hue = (i: number) => REGION_HUES[i % REGION_HUES.length];

const COLORS = { ink: "#24292f", muted: "#57606a", lane: "#f6f8fa", laneEdge: "#d0d7de", channel: "#0969da", region: "#1a7f37", regionFill: "#dafbe1", device: "#fff8c5", deviceEdge: "#bf8700", firmware: "#eaeef2" };

/** Rough width of text in pixels: enough to size boxes, not to typeset. */
const textWidth = (text: string, size: number, bold = false) => Math.ceil(text.length * size * (bold ? 0.64 : 0.58));

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n = (x: number) => String(Math.round(x * 10) / 10);

function text(x: number, y: number, content: string, options: { size?: number; bold?: boolean; fill?: string; anchor?: "start" | "middle" | "end"; cls?: string; halo?: boolean } = {}): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-size="${options.size ?? 12}"`,
    options.bold ? `font-weight="bold"` : "",
    `fill="${options.fill ?? COLORS.ink}"`,
    options.anchor && options.anchor !== "start" ? `text-anchor="${options.anchor}"` : "",
    options.cls ? `class="${options.cls}"` : "",
    options.halo ? `stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${esc(content)}</text>`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PlacedPartition extends Box {
  p: PartitionModel;
  lane: number;
}

function scheduleLine(h: HartModel): string {
  const s = h.schedule;
  if (s.kind === "windows") return `major frame ${s.majorFrame}: ${[...s.windows.map((w) => `${w.partition} ${w.length}`), ...(s.idle ? [`idle ${s.idle}`] : [])].join(", ")}`;
  if (s.kind === "priority") return "highest priority first";
  return `round robin, ${s.slice} slices`;
}

function runsLine(p: PartitionModel): string {
  const what = p.runs.startsWith("guest image ") ? `guest ${path.basename(p.runs.slice(12))}` : `app ${p.runs.slice(4).split(", ").map((f) => path.basename(f)).join(", ")}`;
  return `#${p.id} · ${formatSize(p.memoryBytes)} · ${what}`;
}

/** The detail parts of a partition, wrapped into lines that fit its box. */
function detailLines(p: PartitionModel): string[] {
  const lines: string[] = [];
  for (const part of detailLine(p).split(" · ")) {
    const last = lines.length - 1;
    if (last >= 0 && textWidth(`${lines[last]} · ${part}`, 10) <= BOX_W - 20) lines[last] = `${lines[last]} · ${part}`;
    else lines.push(part);
  }
  return lines;
}

function detailLine(p: PartitionModel): string {
  const parts = [`on fault: ${p.faultText}`];
  if (p.harts.length > 1) parts.push(`vCPUs on harts ${p.harts.join(", ")}`);
  if (p.specPriority !== undefined) parts.push(`priority ${p.specPriority}`);
  if (p.budgetText) parts.push(`budget ${p.budgetText}`);
  if (p.watchdogText) parts.push(`watchdog ${p.watchdogText}`);
  if (p.consoleInput) parts.push("console input");
  return parts.join(" · ");
}

/** Device chips inside a partition box, wrapped to its width. */
function chipsOf(model: Model, p: PartitionModel): { label: string; name: string; x: number; row: number; w: number }[] {
  const chips: { label: string; name: string; x: number; row: number; w: number }[] = [];
  let x = 8;
  let row = 0;
  for (const name of p.devices) {
    const d = model.devices.find((v) => v.name === name);
    const label = d && d.irqs.length ? `${name} · irq ${d.irqs.join(",")}` : name;
    const w = textWidth(label, 10) + 12;
    if (x + w > BOX_W - 8 && x > 8) {
      x = 8;
      row++;
    }
    chips.push({ label, name, x, row, w });
    x += w + 6;
  }
  return chips;
}

export function renderGraph(model: Model): string {
  const out: string[] = [];
  const title = `${model.system.name} on ${model.board.name} (${model.mode} mode)`;

  // --- firmware box: the devices no partition may have ---
  const kept = model.devices.filter((d) => d.owner && !d.ownerIsPartition);
  const firmwareLabel = `firmware keeps: ${kept.map((d) => `${d.name} (${d.owner!.replace(/^firmware \((.*)\)$/, "$1")})`).join(", ")}`;
  const firmwareBox: Box = { x: MARGIN, y: 52, w: textWidth(firmwareLabel, 11) + 24, h: 30 };

  // --- lanes and partitions ---
  const lanesTop = firmwareBox.y + firmwareBox.h + 28;
  const placed: PlacedPartition[] = [];
  const laneHeights: number[] = [];
  for (const h of model.harts) {
    let y = lanesTop + LANE_HEAD;
    for (const p of model.partitions.filter((x) => x.harts[0] === h.id)) {
      const chips = chipsOf(model, p);
      const rows = chips.length ? Math.max(...chips.map((c) => c.row)) + 1 : 0;
      const boxH = 47 + 15 * detailLines(p).length + rows * (CHIP_H + 4);
      placed.push({ p, lane: h.id, x: MARGIN + h.id * (LANE_W + LANE_GAP) + BOX_X, y, w: BOX_W, h: boxH });
      y += boxH + BOX_GAP;
    }
    laneHeights.push(y - BOX_GAP + 24 - lanesTop);
  }
  const laneH = Math.max(120, ...laneHeights);
  const lanesBottom = lanesTop + laneH;
  const byName = new Map(placed.map((b) => [b.p.name, b]));

  // --- shared regions, below the lanes ---
  const regionsTop = lanesBottom + 56 + 14 * model.regions.length;
  let rx = MARGIN;
  const regionBoxes = model.regions.map((r) => {
    const label = `${r.name}`;
    const sub = `${formatSize(r.size)} shared`;
    const w = Math.max(textWidth(label, 13, true), textWidth(sub, 11)) + 28;
    const box = { r, x: rx, y: regionsTop, w, h: 44 };
    rx += w + 24;
    return box;
  });

  const legend = "arrows: channels (name: depth × message size; dotted: no notify) · dashed: shared regions and each user's access · yellow: devices a partition owns";
  const width = Math.max(textWidth(legend, 10) + 2 * MARGIN, MARGIN * 2 + model.harts.length * LANE_W + (model.harts.length - 1) * LANE_GAP + 60, firmwareBox.x + firmwareBox.w + MARGIN, rx + MARGIN, textWidth(title, 18, true) + 2 * MARGIN);
  const height = (regionBoxes.length ? regionsTop + 44 : lanesBottom) + MARGIN + 22;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${esc(title)}</title>`,
    "<defs>",
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLORS.channel}"/></marker>`,
    "</defs>",
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 34, title, { size: 18, bold: true, cls: "title" }),
    `<g class="firmware">`,
    `<rect x="${firmwareBox.x}" y="${firmwareBox.y}" width="${firmwareBox.w}" height="${firmwareBox.h}" rx="4" fill="${COLORS.firmware}" stroke="${COLORS.laneEdge}"/>`,
    text(firmwareBox.x + 12, firmwareBox.y + 19, firmwareLabel, { size: 11, fill: COLORS.muted }),
    "</g>",
  );

  // lanes
  for (const h of model.harts) {
    const x = MARGIN + h.id * (LANE_W + LANE_GAP);
    out.push(
      `<g class="hart" data-hart="${h.id}">`,
      `<rect x="${x}" y="${lanesTop}" width="${LANE_W}" height="${laneH}" rx="8" fill="${COLORS.lane}" stroke="${COLORS.laneEdge}"/>`,
      text(x + 12, lanesTop + 20, `hart ${h.id}`, { size: 14, bold: true }),
      text(x + 12, lanesTop + 36, scheduleLine(h), { size: 10, fill: COLORS.muted }),
      "</g>",
    );
  }

  // region lines first, so boxes and arrows sit on top
  const gutterUse = new Map<number, number>();
  const edgeUse = new Map<string, number>();
  model.regions.forEach((r, i) => {
    const box = regionBoxes[i];
    const busY = lanesBottom + 20 + 14 * i;
    out.push(`<g class="region-users" data-region="${esc(r.name)}">`);
    r.users.forEach((u, k) => {
      const target = byName.get(u.partition);
      if (!target) return;
      const used = gutterUse.get(target.lane) ?? 0;
      gutterUse.set(target.lane, used + 1);
      const onEdge = edgeUse.get(u.partition) ?? 0;
      edgeUse.set(u.partition, onEdge + 1);
      const gx = MARGIN + target.lane * (LANE_W + LANE_GAP) + 6 + ((used * 5) % 20);
      const sx = box.x + 12 + ((k * 12) % Math.max(12, box.w - 24));
      const ty = target.y + 14 + ((onEdge * 16) % Math.max(16, target.h - 20));
      out.push(
        `<path class="region-line" data-partition="${esc(u.partition)}" data-access="${u.access}" d="M${n(sx)},${n(box.y)} V${n(busY)} H${n(gx)} V${n(ty)} H${n(target.x)}" fill="none" stroke="${hue(i)[0]}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
        text(target.x - 3, ty - 3, u.access, { size: 10, bold: true, fill: hue(i)[0], anchor: "end", cls: "access", halo: true }),
      );
    });
    out.push("</g>");
  });

  // partitions
  for (const b of placed) {
    const { p } = b;
    out.push(
      `<g class="partition" data-name="${esc(p.name)}" data-hart="${b.lane}">`,
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" fill="#ffffff" stroke="${COLORS.ink}" stroke-width="1.5"/>`,
      text(b.x + 10, b.y + 20, p.name, { size: 14, bold: true }),
      text(b.x + 10, b.y + 37, runsLine(p), { size: 10, fill: COLORS.muted }),
      ...detailLines(p).map((line, i) => text(b.x + 10, b.y + 52 + 15 * i, line, { size: 10, fill: COLORS.muted })),
    );
    for (const c of chipsOf(model, p)) {
      const cy = b.y + 47 + 15 * detailLines(p).length + c.row * (CHIP_H + 4);
      out.push(
        `<g class="device" data-name="${esc(c.name)}" data-owner="${esc(p.name)}">`,
        `<rect x="${b.x + c.x}" y="${cy}" width="${c.w}" height="${CHIP_H}" rx="3" fill="${COLORS.device}" stroke="${COLORS.deviceEdge}"/>`,
        text(b.x + c.x + 6, cy + 13, c.label, { size: 10 }),
        "</g>",
      );
    }
    out.push("</g>");
  }

  out.push(...channelArrows(model.channels, byName));

  // region boxes
  for (const [i, box] of regionBoxes.entries()) {
    out.push(
      `<g class="region" data-name="${esc(box.r.name)}">`,
      `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="6" fill="${hue(i)[1]}" stroke="${hue(i)[0]}" stroke-width="1.5"/>`,
      text(box.x + 12, box.y + 19, box.r.name, { size: 13, bold: true }),
      text(box.x + 12, box.y + 35, `${formatSize(box.r.size)} shared`, { size: 11, fill: COLORS.muted }),
      "</g>",
    );
  }
  out.push(text(MARGIN, height - 12, legend, { size: 10, fill: COLORS.muted, cls: "legend" }));
  out.push("</svg>", "");
  return out.join("\n");
}

/** Arrows for channels: straight between lanes, an arc beside the lane within one. */
function channelArrows(channels: ChannelModel[], byName: Map<string, PlacedPartition>): string[] {
  const out: string[] = [];
  const pairCount = new Map<string, number>();
  const arcCount = new Map<number, number>();
  for (const c of channels) {
    const from = byName.get(c.fromName);
    const to = byName.get(c.toName);
    if (!from || !to) continue;
    const label = `${c.name}: ${c.depth} × ${c.msgSize < 1024 ? `${c.msgSize} B` : formatSize(c.msgSize)}`;
    const key = [c.fromName, c.toName].sort().join("\0");
    const k = pairCount.get(key) ?? 0;
    pairCount.set(key, k + 1);
    let d: string;
    let lx: number;
    let ly: number;
    let anchor: "start" | "middle" = "middle";
    if (from.lane === to.lane) {
      const depth = 36 + 26 * (arcCount.get(from.lane) ?? 0);
      arcCount.set(from.lane, (arcCount.get(from.lane) ?? 0) + 1);
      const x = from.x + from.w;
      const y1 = from.y + from.h / 2 + k * 8;
      const y2 = to.y + to.h / 2 + k * 8;
      d = `M${n(x)},${n(y1)} C${n(x + depth)},${n(y1)} ${n(x + depth)},${n(y2)} ${n(x + 2)},${n(y2)}`;
      lx = x + depth * 0.75 + 6;
      ly = (y1 + y2) / 2 + 4;
      anchor = "start";
    } else {
      const rightward = to.lane > from.lane;
      const x1 = rightward ? from.x + from.w : from.x;
      const x2 = rightward ? to.x - 2 : to.x + to.w + 2;
      const y1 = from.y + 24 + k * 12;
      const y2 = to.y + 24 + k * 12;
      d = `M${n(x1)},${n(y1)} L${n(x2)},${n(y2)}`;
      // nearer the receiver, clear of arcs beside the sender's lane
      lx = x1 + (x2 - x1) * 0.62;
      ly = y1 + (y2 - y1) * 0.62 - 6;
    }
    out.push(
      `<g class="channel" data-name="${esc(c.name)}" data-from="${esc(c.fromName)}" data-to="${esc(c.toName)}">`,
      `<path d="${d}" fill="none" stroke="${COLORS.channel}" stroke-width="2" marker-end="url(#arrow)"${c.notify ? "" : ` stroke-dasharray="2 3"`}/>`,
      text(lx, ly, label, { size: 11, fill: COLORS.channel, anchor, halo: true }),
      "</g>",
    );
  }
  return out;
}
