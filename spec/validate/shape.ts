/**
 * The shape of the spec: records where records belong, lists where lists
 * belong. TypeScript enforces this in a typed spec; a JavaScript spec or a
 * cast can break it, and every other rule then skips the broken value.
 */
import type { Finding } from "./diagnostic.ts";
import type { Rule } from "./rule.ts";
import { entriesOf, field, isRecord, shown, type Path } from "./values.ts";

function* expectRecord(value: unknown, path: Path, what: string, optional = true): Iterable<Finding> {
  if (value === undefined && optional) return;
  if (!isRecord(value)) yield { path, message: `${what} must be an object { ... }, not ${shown(value)}` };
}

function* expectList(value: unknown, path: Path, what: string): Iterable<Finding> {
  if (value !== undefined && !Array.isArray(value)) yield { path, message: `${what} must be a list [ ... ], not ${shown(value)}` };
}

export const shapeRules: Rule[] = [
  {
    id: "shape-invalid",
    summary: "Records, lists and flags are where the DSL's types put them (for specs written in JavaScript or with casts).",
    *check({ system }) {
      const partitions = field(system, "partitions");
      if (partitions !== undefined) yield* expectRecord(partitions, ["partitions"], "partitions");
      for (const [name, p] of entriesOf(partitions)) {
        if (!isRecord(p)) {
          yield { path: ["partitions", name], message: `partition "${name}" must be an object such as { app: "${name}.c", memory: "64K", hart: 0 }, not ${shown(p)}` };
          continue;
        }
        const hart = p.hart;
        if (hart !== undefined && typeof hart !== "number" && !Array.isArray(hart)) {
          yield { path: ["partitions", name, "hart"], message: `hart of partition "${name}" must be a hart number or a list of them, not ${shown(hart)}` };
        }
        yield* expectList(p.devices, ["partitions", name, "devices"], `devices of partition "${name}"`);
        yield* expectRecord(p.image, ["partitions", name, "image"], `image of partition "${name}"`);
        if (p.consoleInput !== undefined && typeof p.consoleInput !== "boolean") {
          yield { path: ["partitions", name, "consoleInput"], message: `consoleInput of partition "${name}" must be true or false, not ${shown(p.consoleInput)}` };
        }
      }
      const channels = field(system, "channels");
      yield* expectRecord(channels, ["channels"], "channels");
      for (const [name, c] of entriesOf(channels)) {
        yield* expectRecord(c, ["channels", name], `channel "${name}"`, false);
        const notify = field(c, "notify");
        if (notify !== undefined && typeof notify !== "boolean") yield { path: ["channels", name, "notify"], message: `notify of channel "${name}" must be true or false, not ${shown(notify)}` };
      }
      const shared = field(system, "shared");
      yield* expectRecord(shared, ["shared"], "shared");
      for (const [name, r] of entriesOf(shared)) {
        yield* expectRecord(r, ["shared", name], `shared region "${name}"`, false);
        if (isRecord(r)) yield* expectRecord(r.access, ["shared", name, "access"], `access of shared region "${name}"`);
      }
      const schedule = field(system, "schedule");
      yield* expectRecord(schedule, ["schedule"], "schedule");
      for (const [hart, s] of entriesOf(schedule)) yield* expectRecord(s, ["schedule", hart], `schedule of ${hart}`, false);
    },
  },
];
