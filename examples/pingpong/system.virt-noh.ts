/**
 * pingpong in microkernel mode: QEMU virt without H. The channels are plain
 * shared buffers behind a PMP entry each; every send and receive is an ecall
 * from U-mode into the M-mode kernel.
 *
 *   npx phase3 run examples/pingpong/system.virt-noh.ts
 */
import { boards, defineSystem } from "phase3";
import pingpong from "./system.ts";

export default defineSystem({ ...pingpong, board: boards.qemuVirt({ harts: 1, ram: "64M", h: false }) });
