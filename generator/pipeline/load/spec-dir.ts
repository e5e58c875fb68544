/** Where the DSL lives: what `import ... from "phase3"` means in a spec, wherever the spec is. */
import path from "node:path";
import { PHASE3_ROOT } from "../../root.ts";

export const SPEC_DIR = path.join(PHASE3_ROOT, "spec");
export const SPEC_ENTRY = path.join(SPEC_DIR, "index.ts");
