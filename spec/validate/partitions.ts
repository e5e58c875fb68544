/** Rules about each partition on its own: app sources, sizes, harts, fault policy, watchdog. */
import { PAGE_SIZE } from "../layout/index.ts";
import { STACK_ALIGN } from "../layout/microkernel.ts";
import { MAX_PRIORITY, MAX_RESTARTS } from "../limits.ts";
import { formatSize, parseSize, parseTime } from "../units.ts";
import type { Finding } from "./diagnostic.ts";
import type { Rule } from "./rule.ts";
import { entriesOf, field, isRecord, shown, type Path } from "./values.ts";

/** Source files an app may list, by extension. */
const APP_SOURCE = /\.(c|S)$/;

function* sizeFindings(path: Path, value: unknown, what: string): Iterable<Finding> {
  const parsed = parseSize(value);
  if (!parsed.ok) {
    yield { path, message: `${what}: ${parsed.message}` };
  } else if (parsed.value === 0 || parsed.value % PAGE_SIZE !== 0) {
    yield { path, message: `${what} ${formatSize(parsed.value)} is not a non-zero multiple of 4K (the page size); try "${formatSize(Math.max(PAGE_SIZE, Math.ceil(parsed.value / PAGE_SIZE) * PAGE_SIZE))}"` };
  }
}

function appList(app: unknown): { path: Path; file: unknown }[] {
  if (app === undefined) return [];
  if (Array.isArray(app)) return app.map((file, i) => ({ path: ["app", i], file }));
  return [{ path: ["app"], file: app }];
}

/** Partitions that are objects, with their names. */
const partitionsOf = (system: unknown) => entriesOf(field(system, "partitions")).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));

export const partitionRules: Rule[] = [
  {
    id: "no-partitions",
    summary: "The system has at least one partition.",
    *check({ system }) {
      const partitions = field(system, "partitions");
      if (partitions === undefined || (isRecord(partitions) && Object.keys(partitions).length === 0)) {
        yield { path: ["partitions"], message: "the system has no partitions; add one, e.g. ping: { app: \"ping.c\", memory: \"256K\", hart: 0 }" };
      }
    },
  },
  {
    id: "memory-not-page-aligned",
    summary: "A partition's memory (and in hypervisor mode its stack) is a size that is a non-zero multiple of 4K.",
    *check({ system, mode }) {
      for (const [name, p] of partitionsOf(system)) {
        yield* sizeFindings(["partitions", name, "memory"], p.memory, `memory of "${name}"`);
        if (p.stack !== undefined && mode === "hypervisor") yield* sizeFindings(["partitions", name, "stack"], p.stack, `stack of "${name}"`);
      }
    },
  },
  {
    id: "stack-size-invalid",
    summary: "In microkernel mode a partition's stack is a non-zero multiple of 16 bytes (the stack alignment of the RISC-V calling convention).",
    *check({ system, mode }) {
      if (mode !== "microkernel") return;
      for (const [name, p] of partitionsOf(system)) {
        if (p.stack === undefined) continue;
        const parsed = parseSize(p.stack);
        if (!parsed.ok) yield { path: ["partitions", name, "stack"], message: `stack of "${name}": ${parsed.message}` };
        else if (parsed.value === 0 || parsed.value % STACK_ALIGN !== 0) {
          yield { path: ["partitions", name, "stack"], message: `stack of "${name}" is ${parsed.value} bytes, not a non-zero multiple of ${STACK_ALIGN} (the RISC-V stack alignment); try ${Math.max(STACK_ALIGN, Math.ceil(parsed.value / STACK_ALIGN) * STACK_ALIGN)}` };
        }
      }
    },
  },
  {
    id: "hart-out-of-range",
    summary: "Every hart a partition runs on (each entry of a vCPU list) exists on the board.",
    *check({ system, board }) {
      if (!board) return;
      const harts = board.harts;
      const range = harts === 1 ? "only hart 0" : `harts 0 to ${harts - 1}`;
      for (const [name, p] of partitionsOf(system)) {
        const hart = p.hart;
        if (hart === undefined) {
          yield { path: ["partitions", name], message: `partition "${name}" needs a hart to run on, e.g. hart: 0` };
          continue;
        }
        if (Array.isArray(hart) && hart.length === 0) {
          yield { path: ["partitions", name, "hart"], message: `partition "${name}" lists no harts; name at least one, e.g. hart: 0` };
          continue;
        }
        const entries: [Path, unknown][] = Array.isArray(hart) ? hart.map((h, i) => [["partitions", name, "hart", i], h]) : [[["partitions", name, "hart"], hart]];
        for (const [path, h] of entries) {
          if (typeof hart !== "number" && !Array.isArray(hart)) continue; // shape-invalid says so
          if (!Number.isInteger(h) || (h as number) < 0 || (h as number) >= harts) {
            yield { path, message: `partition "${name}" runs on hart ${typeof h === "number" ? h : shown(h)}, but ${board.name} has ${range}` };
          }
        }
      }
    },
  },
  {
    id: "hart-duplicate",
    summary: "A partition's vCPU list names each hart at most once.",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        if (!Array.isArray(p.hart)) continue;
        const seen = new Set<unknown>();
        for (const [i, h] of p.hart.entries()) {
          if (seen.has(h)) yield { path: ["partitions", name, "hart", i], message: `partition "${name}" lists hart ${shown(h)} twice; give each vCPU its own hart` };
          seen.add(h);
        }
      }
    },
  },
  {
    id: "app-missing",
    summary: "Every app source file a partition lists exists, relative to the spec file.",
    *check({ system, host }) {
      for (const [name, p] of partitionsOf(system)) {
        for (const { path, file } of appList(p.app)) {
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
      for (const [name, p] of partitionsOf(system)) {
        if (Array.isArray(p.app) && p.app.length === 0) {
          yield { path: ["partitions", name, "app"], message: `partition "${name}" lists no app sources` };
          continue;
        }
        for (const { path, file } of appList(p.app)) {
          if (typeof file !== "string" || !APP_SOURCE.test(file)) {
            yield { path: ["partitions", name, ...path], message: `app of partition "${name}" must name a .c or .S file, not ${shown(file)}` };
          }
        }
      }
    },
  },
  {
    id: "fault-policy-invalid",
    summary: "onFault is \"stop\", \"restart\", \"halt\" or { restart: n } with n a whole number from 1 to 255.",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        const policy = p.onFault;
        const path: Path = ["partitions", name, "onFault"];
        if (policy === undefined || policy === "stop" || policy === "restart" || policy === "halt") continue;
        if (isRecord(policy) && Object.keys(policy).join() === "restart") {
          const n = policy.restart;
          if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_RESTARTS) {
            yield { path: [...path, "restart"], message: `partition "${name}" may restart ${shown(n)} times; give a whole number from 1 to ${MAX_RESTARTS}` };
          }
          continue;
        }
        yield { path, message: `onFault of partition "${name}" is ${shown(policy)}; use "stop", "restart", "halt" or { restart: 3 }` };
      }
    },
  },
  {
    id: "watchdog-invalid",
    summary: "A partition's watchdog timeout is a positive time, e.g. \"100ms\".",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        if (p.watchdog === undefined) continue;
        const parsed = parseTime(p.watchdog);
        const path: Path = ["partitions", name, "watchdog"];
        if (!parsed.ok) yield { path, message: `watchdog of partition "${name}": ${parsed.message}` };
        else if (parsed.value === 0) yield { path, message: `watchdog of partition "${name}" is 0, which would fault at once; give a positive time such as "100ms"` };
      }
    },
  },
  {
    id: "console-input-shared",
    summary: "At most one partition owns console input.",
    *check({ system }) {
      let owner: string | undefined;
      for (const [name, p] of partitionsOf(system)) {
        if (p.consoleInput !== true) continue;
        if (owner === undefined) owner = name;
        else yield { path: ["partitions", name, "consoleInput"], message: `console input already goes to "${owner}"; only one partition may own it, so remove consoleInput from "${name}" or "${owner}"` };
      }
    },
  },
  {
    id: "console-input-no-irq",
    summary: "Console input needs a console whose receive interrupt reaches the interrupt controller.",
    *check({ system }) {
      const board = system.board;
      const console = isRecord(board.devices) ? board.devices[board.console] : undefined;
      // a hand-made board without a console or its irqs is board-invalid's to report
      if (!isRecord(console) || !Array.isArray(console.irqs) || console.irqs.length > 0) return;
      for (const [name, p] of partitionsOf(system)) {
        if (p.consoleInput !== true) continue;
        yield {
          path: ["partitions", name, "consoleInput"],
          message: `console input for "${name}" needs the console's receive interrupt, but ${board.name}'s "${board.console}" has no line to its interrupt controller; remove consoleInput`,
        };
      }
    },
  },
  {
    id: "priority-invalid",
    summary: "A partition's priority is a whole number from 0 to 255.",
    *check({ system }) {
      for (const [name, p] of partitionsOf(system)) {
        const priority = p.priority;
        if (priority === undefined) continue;
        if (!Number.isInteger(priority) || (priority as number) < 0 || (priority as number) > MAX_PRIORITY) {
          yield { path: ["partitions", name, "priority"], message: `priority of partition "${name}" is ${shown(priority)}; give a whole number from 0 to ${MAX_PRIORITY} (higher runs first)` };
        }
      }
    },
  },
];
