/** Rules about names: every name becomes a C identifier in generated code. */
import { entriesOf, type Rule } from "./rule.ts";

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** C keywords and names the generated code and the app library already use. */
export const RESERVED_NAMES = new Set([
  // C11 keywords
  "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
  "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
  "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
  "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
  "_Static_assert", "_Thread_local",
  // Phase3's own names: the hypervisor's console prefix and the app entry point
  "phase3", "main",
]);

/** Longest name kept readable in console prefixes and C symbols. */
export const MAX_NAME_LENGTH = 31;

function nameProblem(kind: string, name: string): string | undefined {
  if (!C_IDENTIFIER.test(name)) {
    return `${kind} name "${name}" is not a C identifier: use letters, digits and _, not starting with a digit`;
  }
  if (name.length > MAX_NAME_LENGTH) return `${kind} name "${name}" is longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}

export const nameRules: Rule[] = [
  {
    id: "system-name-invalid",
    summary: "The system name is a C identifier of at most 31 characters.",
    *check({ system }) {
      const name: unknown = system.name;
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
      for (const [name] of entriesOf(system.partitions)) {
        const problem = nameProblem("partition", name);
        if (problem) yield { path: ["partitions", name], message: problem };
      }
    },
  },
  {
    id: "partition-name-reserved",
    summary: "No partition is named after a C keyword or a name Phase3 reserves (phase3, main).",
    *check({ system }) {
      for (const [name] of entriesOf(system.partitions)) {
        if (RESERVED_NAMES.has(name)) {
          yield { path: ["partitions", name], message: `partition name "${name}" is reserved${name === "phase3" ? " for the hypervisor's own console lines" : " in C"}; pick another` };
        }
      }
    },
  },
];
