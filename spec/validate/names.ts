/** Rules about names: every name becomes a C identifier in generated code. */
import { FIRMWARE_PREFIX } from "../abi/console.ts";
import { MAX_NAME_LENGTH } from "../limits.ts";
import type { Finding } from "./diagnostic.ts";
import type { Rule } from "./rule.ts";
import { entriesOf, field, type Path } from "./values.ts";

export { MAX_NAME_LENGTH };

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** C keywords and names the generated code and the app library already use. */
export const RESERVED_NAMES = new Set([
  // C11 keywords
  "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
  "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
  "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
  "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
  "_Static_assert", "_Thread_local",
  // Phase3's own names: the hypervisor's console prefix, the app entry point, the schedule's idle window
  FIRMWARE_PREFIX, "main", "idle",
]);

function reservedReason(name: string): string {
  if (name === FIRMWARE_PREFIX) return "for the hypervisor's own console lines";
  if (name === "idle") return "for idle windows in schedules";
  if (name === "main") return "for the app's entry point";
  return "in C";
}

function nameProblem(kind: string, name: string): string | undefined {
  if (!C_IDENTIFIER.test(name)) {
    return `${kind} name "${name}" is not a C identifier: use letters, digits and _, not starting with a digit`;
  }
  if (name.length > MAX_NAME_LENGTH) return `${kind} name "${name}" is longer than ${MAX_NAME_LENGTH} characters; shorten it`;
  return undefined;
}

/** Syntax, length and reserved words, for channel and region names. */
function* namesOf(records: unknown, kind: string, key: string): Iterable<Finding> {
  for (const [name] of entriesOf(records)) {
    const problem = nameProblem(kind, name) ?? (RESERVED_NAMES.has(name) ? `${kind} name "${name}" is reserved ${reservedReason(name)}; pick another` : undefined);
    if (problem) yield { path: [key, name], message: problem };
  }
}

const KINDS: [key: string, kind: string][] = [
  ["partitions", "partition"],
  ["channels", "channel"],
  ["shared", "shared region"],
];

export const nameRules: Rule[] = [
  {
    id: "system-name-invalid",
    summary: "The system name is a C identifier of at most 31 characters.",
    *check({ system }) {
      const name = field(system, "name");
      if (typeof name !== "string") {
        yield { path: ["name"], message: "the system needs a name: a string such as \"pipeline\"" };
        return;
      }
      const problem = nameProblem("system", name);
      if (problem) yield { path: ["name"], message: problem };
    },
  },
  {
    id: "partition-name-invalid",
    summary: "Each partition name is a C identifier of at most 31 characters.",
    *check({ system }) {
      for (const [name] of entriesOf(field(system, "partitions"))) {
        const problem = nameProblem("partition", name);
        if (problem) yield { path: ["partitions", name], message: problem };
      }
    },
  },
  {
    id: "partition-name-reserved",
    summary: "No partition is named after a C keyword or a name Phase3 reserves (phase3, main, idle).",
    *check({ system }) {
      for (const [name] of entriesOf(field(system, "partitions"))) {
        if (RESERVED_NAMES.has(name)) yield { path: ["partitions", name], message: `partition name "${name}" is reserved ${reservedReason(name)}; pick another` };
      }
    },
  },
  {
    id: "channel-name-invalid",
    summary: "Each channel name is a C identifier of at most 31 characters and not a reserved word.",
    check: ({ system }) => namesOf(field(system, "channels"), "channel", "channels"),
  },
  {
    id: "region-name-invalid",
    summary: "Each shared region name is a C identifier of at most 31 characters and not a reserved word.",
    check: ({ system }) => namesOf(field(system, "shared"), "shared region", "shared"),
  },
  {
    id: "name-clash",
    summary: "Partition, channel and shared region names all differ, ignoring case (they become upper-case C constants).",
    *check({ system }) {
      const seen = new Map<string, { kind: string; name: string }>();
      for (const [key, kind] of KINDS) {
        for (const [name] of entriesOf(field(system, key))) {
          const upper = name.toUpperCase();
          const first = seen.get(upper);
          if (!first) {
            seen.set(upper, { kind, name });
            continue;
          }
          const path: Path = [key, name];
          yield {
            path,
            message: `${kind} "${name}" has the same name as ${first.kind} "${first.name}" once upper-cased for C constants (${upper}); rename one of them`,
          };
        }
      }
    },
  },
];
