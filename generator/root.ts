/** The checkout's root, where spec/, generator/ and firmware/ live. A module of its own so that light commands need not load the spec loader. */
import { fileURLToPath } from "node:url";

export const PHASE3_ROOT = fileURLToPath(new URL("../", import.meta.url));
