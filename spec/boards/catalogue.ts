/**
 * The boards by the name people type (`--board qemu-virt`). The DSL's
 * `boards` object holds builders; calling each with its defaults gives the
 * profile, and so the name, without a second list to keep in step.
 */
import { boards, type BoardProfile } from "../index.ts";

export interface CatalogueEntry {
  /** The profile's name, as on the command line. */
  name: string;
  /** The builder's key in `boards`, as a spec writes it: `boards.qemuVirt(...)`. */
  builder: string;
  /** The profile with the builder's default options. */
  profile: BoardProfile;
}

export function boardCatalogue(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const [builder, make] of Object.entries(boards)) {
    try {
      const profile = (make as (options?: object) => BoardProfile)();
      entries.push({ name: profile.name, builder, profile });
    } catch {
      // a builder whose options are required has no default profile to list
    }
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

export function findBoard(name: string): CatalogueEntry | undefined {
  return boardCatalogue().find((entry) => entry.name === name);
}
