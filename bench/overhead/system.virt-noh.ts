/** bench/overhead in microkernel mode: QEMU virt without H. */
import { boards, defineSystem } from "phase3";
import base from "./system.ts";

export default defineSystem({ ...base, board: boards.qemuVirt({ harts: 1, ram: "64M", h: false }) });
