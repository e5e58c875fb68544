/**
 * hello in microkernel mode: the same apps on QEMU virt without the
 * hypervisor extension. An M-mode kernel runs them in U-mode behind PMP.
 *
 *   npx phase3 run examples/hello/system.virt-noh.ts
 */
import { boards, defineSystem } from "phase3";
import hello from "./system.ts";

export default defineSystem({ ...hello, board: boards.qemuVirt({ harts: 1, ram: "64M", h: false }) });
