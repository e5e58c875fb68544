/**
 * A device interrupt to the partition the spec grants the device: QEMU
 * virt's goldfish RTC alarm, from the instant it is due to the owner running
 * again after p3_wait, with the hart idle (the owner is the only partition on
 * it). The interrupt controller is the PLIC; system.aplic.ts runs the same
 * on the APLIC.
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "irq",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    owner: { app: "owner.c", memory: "64K", hart: 0, devices: ["rtc"] },
  },
});
