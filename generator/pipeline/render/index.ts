/**
 * Render stage: the model → the text of every generated file, by path in
 * the build folder. Templates (./templates/*.hbs) only substitute and loop;
 * everything they print was decided in lowering.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { Model, PartitionModel } from "../lower/model.ts";

const TEMPLATE_DIR = fileURLToPath(new URL("./templates/", import.meta.url));

type Template = (context: object) => string;
const compiled = new Map<string, Template>();

function template(name: string): Template {
  let t = compiled.get(name);
  if (!t) {
    const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), "utf8");
    t = Handlebars.compile(source, { noEscape: true });
    compiled.set(name, t);
  }
  return t;
}

/** Files rendered once per system: build-folder path → template. */
const SYSTEM_FILES: [string, string][] = [
  ["Makefile", "Makefile"],
  ["include/p3_config.h", "p3_config.h"],
  ["include/p3_abi.h", "p3_abi.h"],
  ["include/p3_calls.h", "p3_calls.h"],
  ["include/p3_hypercalls.h", "p3_hypercalls.h"],
  ["src/partitions.c", "partitions.c"],
  ["src/hypercalls.c", "hypercalls.c"],
  ["src/channels.c", "channels.c"],
  ["src/images.S", "images.S"],
];

/** Files rendered once per partition, under partitions/<name>/. */
const APP_FILES: [string, string][] = [
  ["p3_partition.h", "p3_partition.h"],
  ["p3_partition.c", "p3_partition.c"],
  ["app.ld", "app.ld"],
];

/** A file to write: generated text, or bytes copied in (a guest image). */
export type FileContent = string | Buffer;

/** `copies`: build-folder path → the bytes of a file to copy there. */
export function render(model: Model, copies: Map<string, Buffer> = new Map()): Map<string, FileContent> {
  const files = new Map<string, FileContent>();
  for (const [file, name] of SYSTEM_FILES) files.set(file, template(name)(model));
  if (model.isHypervisor) {
    files.set("firmware.ld", template("firmware.ld")(model));
    files.set("src/gstage.c", template("gstage.c")(model));
  } else {
    files.set("firmware.ld", template("firmware-microkernel.ld")(model));
  }
  for (const partition of model.partitions) {
    const context: { banner: string; isHypervisor: boolean; partition: PartitionModel } = { banner: model.banner, isHypervisor: model.isHypervisor, partition };
    if (partition.deviceTree) files.set(`partitions/${partition.name}/device-tree.dts`, template("device-tree.dts")(context));
    if (!partition.isApp) continue;
    for (const [file, name] of APP_FILES) files.set(`partitions/${partition.name}/${file}`, template(name)(context));
  }
  for (const [file, bytes] of copies) files.set(file, bytes);
  return files;
}
