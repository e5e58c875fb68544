/**
 * How big the built images are, read from their ELF files after make: the
 * firmware's sections (what each holds, by the names firmware.ld gives them)
 * and each app's bytes in RAM and in its code window.
 */
import fs from "node:fs";
import path from "node:path";
import { readSections, type ElfSection } from "../../images/elf.ts";
import type { Model, SpanModel } from "../lower/model.ts";

export interface ImageSizes {
  firmware: { inRam: number; inCode: number; sections: (ElfSection & { holds: string })[] };
  /** By partition name; a guest image partition has none. */
  apps: Map<string, { inRam: number; inCode: number }>;
}

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

const within = (s: ElfSection, span: SpanModel) => s.address >= span.base && s.address < span.base + span.size;
const bytesWithin = (sections: ElfSection[], span: SpanModel | undefined) => (span ? sections.filter((s) => within(s, span)).reduce((n, s) => n + s.size, 0) : 0);

/** The sizes of the images in the build folder, or undefined when the firmware is not built. */
export function readImageSizes(outDir: string, model: Model): ImageSizes | undefined {
  const firmware = sectionsOf(path.join(outDir, `${model.system.name}.elf`));
  if (!firmware) return undefined;
  const sections = firmware.map((s) => ({ ...s, holds: holds(s.name) }));
  const own = sections.filter((s) => s.holds.startsWith("firmware"));
  const apps = new Map<string, { inRam: number; inCode: number }>();
  for (const p of model.partitions) {
    const app = sectionsOf(path.join(outDir, "out", "app", p.name, `${p.name}.elf`));
    if (app) apps.set(p.name, { inRam: bytesWithin(app, p.imageRam), inCode: bytesWithin(app, p.imageCode) });
  }
  return { firmware: { inRam: bytesWithin(own, model.firmwareSpans.ram), inCode: bytesWithin(own, model.firmwareSpans.code), sections }, apps };
}
