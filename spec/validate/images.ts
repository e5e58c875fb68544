/** Rules about what a partition runs: a Phase3 app or an unmodified guest image, never both. */
import { GUEST_RAM_BASE } from "../layout/index.ts";
import type { Rule } from "./rule.ts";
import { bytes, entriesOf, field, isRecord, shown, type Path } from "./values.ts";
import { hex } from "../units.ts";

const IMAGE_FORMATS: Record<string, "binary" | "elf"> = { ".bin": "binary", ".elf": "elf" };

const partitionsOf = (system: unknown) => entriesOf(field(system, "partitions")).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));
const imagesOf = (system: unknown) => partitionsOf(system).filter((e): e is [string, Record<string, unknown> & { image: Record<string, unknown> }] => isRecord(e[1].image));
const extension = (file: string) => /\.[^./]*$/.exec(file)?.[0].toLowerCase() ?? "";

export const imageRules: Rule[] = [
  {
    id: "app-or-image",
    summary: "A partition gives either `app` (a Phase3 app) or `image` (an unmodified guest), not both and not neither.",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        if (p.app !== undefined && p.image !== undefined) {
          yield { path: ["partitions", name, "image"], message: `partition "${name}" has both an app and a guest image; keep one of them` };
        } else if (p.app === undefined && p.image === undefined) {
          yield { path: ["partitions", name], message: `partition "${name}" runs nothing; give it app: "${name}.c" or image: { file: "guest.bin" }` };
        }
      }
    },
  },
  {
    id: "image-format-invalid",
    summary: "A guest image is a .bin (raw binary) or .elf file, and its `format`, when given, agrees.",
    *check({ system }) {
      for (const [name, { image }] of imagesOf(system)) {
        const file = image.file;
        const path: Path = ["partitions", name, "image"];
        if (typeof file !== "string" || file.length === 0) {
          yield { path: [...path, "file"], message: `guest image of partition "${name}" needs a file name, e.g. file: "u-boot.bin", not ${shown(file)}` };
          continue;
        }
        const format = image.format;
        const byName = IMAGE_FORMATS[extension(file)];
        if (format !== undefined && format !== "binary" && format !== "elf") {
          yield { path: [...path, "format"], message: `format of the guest image of "${name}" is ${shown(format)}; use "binary" or "elf"` };
        } else if (format === undefined && !byName) {
          yield { path: [...path, "file"], message: `guest image "${file}" of partition "${name}" is neither .bin nor .elf; rename it or say format: "binary" or "elf"` };
        } else if (format !== undefined && byName && format !== byName) {
          yield { path: [...path, "format"], message: `guest image "${file}" of partition "${name}" is named like ${byName === "elf" ? "an ELF file" : "a raw binary"} but says format "${format}"` };
        }
      }
    },
  },
  {
    id: "image-missing",
    summary: "A guest image file exists, relative to the spec file.",
    *check({ system, host }) {
      for (const [name, { image }] of imagesOf(system)) {
        const file = image.file;
        if (typeof file === "string" && file.length > 0 && !host.fileExists(file)) {
          yield { path: ["partitions", name, "image", "file"], message: `guest image "${file}" of partition "${name}" does not exist (paths are relative to the spec file)` };
        }
      }
    },
  },
  {
    id: "image-load-outside",
    summary: "A guest image's `load` and `entry` addresses lie inside the partition's guest RAM.",
    *check({ system }) {
      for (const [name, p] of imagesOf(system)) {
        const size = bytes(p.memory);
        if (size === undefined) continue;
        const end = GUEST_RAM_BASE + size;
        for (const key of ["load", "entry"] as const) {
          const value = p.image[key];
          if (value === undefined) continue;
          if (!Number.isInteger(value) || (value as number) < GUEST_RAM_BASE || (value as number) >= end) {
            yield {
              path: ["partitions", name, "image", key],
              message: `${key} address ${typeof value === "number" ? hex(value) : shown(value)} of the guest image of "${name}" is outside its RAM ${hex(GUEST_RAM_BASE)}-${hex(end)}`,
            };
          }
        }
        if (p.image.load !== undefined && (p.image.format === "elf" || extension(String(p.image.file)) === ".elf")) {
          yield { path: ["partitions", name, "image", "load"], message: `the guest image of "${name}" is an ELF file, which loads where its program headers say; remove load` };
        }
      }
    },
  },
  {
    id: "stack-on-image",
    summary: "Only apps have a Phase3 stack: a guest image partition gives no `stack`.",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        if (p.image !== undefined && p.app === undefined && p.stack !== undefined) {
          yield { path: ["partitions", name, "stack"], message: `partition "${name}" runs a guest image, which sets up its own stack; remove stack` };
        }
      }
    },
  },
];
