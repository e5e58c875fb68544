/** bench/irq on the APLIC (QEMU virt, aia=aplic) instead of the PLIC. */
import { boards, defineSystem } from "phase3";
import plic from "./system.ts";

export default defineSystem({ ...plic, board: boards.qemuVirt({ harts: 1, ram: "64M", aia: true }) });
