/** Rules about each partition on its own: app sources, sizes, hart. */
import { PAGE_SIZE } from "../layout.ts";
import { formatSize, parseSize } from "../units.ts";
import { entriesOf, type Rule } from "./rule.ts";
import type { Finding } from "./diagnostic.ts";

/** Source files an app may list, by extension. */
const APP_SOURCE = /\.(c|S)$/;

function* sizeFindings(path: (string | number)[], value: unknown, what: string): Iterable<Finding> {
  const parsed = parseSize(value);
  if (!parsed.ok) {
    yield { path, message: `${what}: ${parsed.message}` };
  } else if (parsed.value === 0 || parsed.value % PAGE_SIZE !== 0) {
    yield { path, message: `${what} ${formatSize(parsed.value)} is not a non-zero multiple of 4K (the page size); try "${formatSize(Math.max(PAGE_SIZE, Math.ceil(parsed.value / PAGE_SIZE) * PAGE_SIZE))}"` };
  }
}

function appList(app: unknown): { path: (string | number)[]; file: unknown }[] {
  if (Array.isArray(app)) return app.map((file, i) => ({ path: ["app", i], file }));
  return [{ path: ["app"], file: app }];
}

export const partitionRules: Rule[] = [
  {
    id: "no-partitions",
    summary: "The system has at least one partition.",
    *check({ system }) {
      if (entriesOf(system.partitions).length === 0) {
        yield { path: ["partitions"], message: "the system has no partitions; add one, e.g. ping: { app: \"ping.c\", memory: \"256K\", hart: 0 }" };
      }
    },
  },
  {
    id: "memory-not-page-aligned",
    summary: "A partition's memory and stack are sizes that are non-zero multiples of 4K.",
    *check({ system }) {
      for (const [name, p] of entriesOf(system.partitions)) {
        const spec = p as { memory?: unknown; stack?: unknown };
        yield* sizeFindings(["partitions", name, "memory"], spec.memory, `memory of "${name}"`);
        if (spec.stack !== undefined) yield* sizeFindings(["partitions", name, "stack"], spec.stack, `stack of "${name}"`);
      }
    },
  },
  {
    id: "hart-out-of-range",
    summary: "A partition's hart exists on the board.",
    *check({ system }) {
      const harts = system.board.harts;
      for (const [name, p] of entriesOf(system.partitions)) {
        const hart = (p as { hart?: unknown }).hart;
        const list = Array.isArray(hart) ? hart.map((h, i) => ({ h: h as unknown, path: ["partitions", name, "hart", i] })) : [{ h: hart, path: ["partitions", name, "hart"] }];
        for (const { h, path } of list) {
          if (!Number.isInteger(h) || (h as number) < 0 || (h as number) >= harts) {
            yield {
              path,
              message: `partition "${name}" runs on hart ${String(h)}, but ${system.board.name} has ${harts === 1 ? "only hart 0" : `harts 0 to ${harts - 1}`}`,
            };
          }
        }
      }
    },
  },
  {
    id: "app-missing",
    summary: "Every app source file a partition lists exists, relative to the spec file.",
    *check({ system, host }) {
      for (const [name, p] of entriesOf(system.partitions)) {
        for (const { path, file } of appList((p as { app?: unknown }).app)) {
          if (typeof file === "string" && file.length > 0 && APP_SOURCE.test(file) && !host.fileExists(file)) {
            yield { path: ["partitions", name, ...path], message: `app source "${file}" of partition "${name}" does not exist (paths are relative to the spec file)` };
          }
        }
      }
    },
  },
  {
    id: "app-not-source",
    summary: "A partition's app is a C (.c) or assembly (.S) file name, or a non-empty list of them.",
    *check({ system }) {
      for (const [name, p] of entriesOf(system.partitions)) {
        const { app, image } = p as { app?: unknown; image?: unknown };
        if (image !== undefined && app === undefined) continue;   /* a guest image instead */
        if (Array.isArray(app) && app.length === 0) {
          yield { path: ["partitions", name, "app"], message: `partition "${name}" lists no app sources` };
          continue;
        }
        for (const { path, file } of appList(app)) {
          if (typeof file !== "string" || !APP_SOURCE.test(file)) {
            yield { path: ["partitions", name, ...path], message: `app of partition "${name}" must name a .c or .S file, not ${JSON.stringify(file) ?? String(file)}` };
          }
        }
      }
    },
  },
];
