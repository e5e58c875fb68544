/**
 * Rules about shared regions: their sizes, who maps them and how.
 *
 * Decisions, for the record:
 * - A region only one partition maps is an error: it shares nothing, costs a
 *   page-table mapping and a gap in the shared window, and is almost always a
 *   partition left out of `access`. Give that partition more memory instead.
 * - A region one partition executes ("rx") while another may write it ("rw")
 *   is an error: the writer could plant code that runs with the other's
 *   rights, which defeats the isolation the spec asks for. W^X holds across
 *   partitions, not only inside one.
 */
import { PAGE_SIZE } from "../layout/index.ts";
import { formatSize, parseSize } from "../units.ts";
import type { Rule } from "./rule.ts";
import { entriesOf, field, isRecord, partitionNames, shown } from "./values.ts";

const ACCESS = new Set(["r", "rw", "rx"]);
/** Permission strings that ask to write without reading, or to write and execute. */
const WRITE_ONLY_OR_WX = new Set(["w", "wx", "rwx", "xw", "wr", "rxw", "xrw"]);

const regionsOf = (system: unknown) => entriesOf(field(system, "shared")).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));

export const sharedRules: Rule[] = [
  {
    id: "region-size-invalid",
    summary: "A shared region's size is a non-zero multiple of 4K.",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        const parsed = parseSize(r.size);
        const path = ["shared", name, "size"];
        if (!parsed.ok) yield { path, message: `size of shared region "${name}": ${parsed.message}` };
        else if (parsed.value === 0 || parsed.value % PAGE_SIZE !== 0) {
          yield { path, message: `size of shared region "${name}" is ${formatSize(parsed.value)}, not a non-zero multiple of 4K (the page size); try "${formatSize(Math.max(PAGE_SIZE, Math.ceil(parsed.value / PAGE_SIZE) * PAGE_SIZE))}"` };
        }
      }
    },
  },
  {
    id: "region-access-write-only",
    summary: "No partition maps a shared region write-only or writable and executable (\"w\", \"wx\", \"rwx\").",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        for (const [partition, access] of entriesOf(r.access)) {
          if (typeof access === "string" && WRITE_ONLY_OR_WX.has(access)) {
            const why = access.includes("x") ? "writable memory is never executable (W^X)" : "RISC-V page tables cannot map memory writable but not readable";
            yield { path: ["shared", name, "access", partition], message: `"${partition}" maps shared region "${name}" as "${access}", but ${why}; use "rw", "r" or "rx"` };
          }
        }
      }
    },
  },
  {
    id: "region-access-invalid",
    summary: "Each access in a shared region's list is \"r\", \"rw\" or \"rx\".",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        for (const [partition, access] of entriesOf(r.access)) {
          if (typeof access === "string" && (ACCESS.has(access) || WRITE_ONLY_OR_WX.has(access))) continue;
          yield { path: ["shared", name, "access", partition], message: `"${partition}" maps shared region "${name}" as ${shown(access)}; use "r" (read), "rw" (read-write) or "rx" (read-execute)` };
        }
      }
    },
  },
  {
    id: "region-user-unknown",
    summary: "Every partition a shared region's access list names exists.",
    *check({ system }) {
      const names = partitionNames(system);
      for (const [name, r] of regionsOf(system)) {
        for (const [partition] of entriesOf(r.access)) {
          if (!names.includes(partition)) {
            yield { path: ["shared", name, "access", partition], message: `shared region "${name}" gives access to "${partition}", which is not a partition; use one of ${names.map((n) => `"${n}"`).join(", ")}` };
          }
        }
      }
    },
  },
  {
    id: "region-unused",
    summary: "Some partition maps each shared region.",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        if (r.access !== undefined && !isRecord(r.access)) continue; // shape-invalid
        if (entriesOf(r.access).length === 0) {
          yield { path: ["shared", name], message: `no partition maps shared region "${name}"; list its users in access, e.g. access: { a: "rw", b: "r" }, or remove it` };
        }
      }
    },
  },
  {
    id: "region-single-user",
    summary: "A shared region is mapped by at least two partitions (one user shares nothing: give it more memory instead).",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        const users = entriesOf(r.access);
        if (users.length === 1) {
          yield { path: ["shared", name, "access"], message: `only "${users[0][0]}" maps shared region "${name}"; add the partition it shares with, or give "${users[0][0]}" more memory instead` };
        }
      }
    },
  },
  {
    id: "region-exec-writable",
    summary: "No partition executes (\"rx\") a shared region that another partition may write (\"rw\").",
    *check({ system }) {
      for (const [name, r] of regionsOf(system)) {
        const users = entriesOf(r.access);
        const writer = users.find(([, a]) => a === "rw");
        if (!writer) continue;
        for (const [partition, access] of users) {
          if (access === "rx") {
            yield {
              path: ["shared", name, "access", partition],
              message: `"${partition}" executes shared region "${name}", which "${writer[0]}" may write: that would let "${writer[0]}" run code as "${partition}"; map it "r" here or "r" for "${writer[0]}"`,
            };
          }
        }
      }
    },
  },
];
