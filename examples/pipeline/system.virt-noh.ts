/**
 * pipeline in microkernel mode: QEMU virt without H, the same time-partitioned
 * hart 0 and the same restart policy for the filter. Its restart reloads the
 * filter's image from a pristine copy in RAM, as the hypervisor does.
 *
 *   npx phase3 run examples/pipeline/system.virt-noh.ts
 */
import { boards, defineSystem } from "phase3";
import pipeline from "./system.ts";

export default defineSystem({ ...pipeline, board: boards.qemuVirt({ harts: 2, ram: "256M", h: false }) });
