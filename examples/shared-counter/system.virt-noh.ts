/**
 * shared-counter in microkernel mode: the reader's read-only view of the
 * counter is a PMP entry without W, so its write faults in U-mode and only
 * the reader stops (status 126, on purpose, as on the hypervisor).
 *
 *   npx phase3 run examples/shared-counter/system.virt-noh.ts
 */
import { boards, defineSystem } from "phase3";
import counter from "./system.ts";

export default defineSystem({ ...counter, board: boards.qemuVirt({ harts: 2, ram: "64M", h: false }) });
