/** Builds the bare guest (guest/) that system.ts boots, before generation. */
import path from "node:path";
import { buildBareGuest } from "../../sim/bare-guest.ts";
import type { PrepareContext } from "../../sim/bench/suite.ts";

export default function prepare({ dir, outRoot }: PrepareContext): void {
  buildBareGuest(path.join(dir, "guest"), path.join(outRoot, "guests", "sbi.bin"));
}
