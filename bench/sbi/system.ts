/**
 * SBI and timers, seen from an unmodified-guest stand-in (guest/, built by
 * prepare.ts before generation): the cost of an SBI call (BASE, TIME), and a
 * timer interrupt from "now" to the guest's handler, through SBI set_timer
 * and through the guest's own stimecmp (Sstc).
 */
import { boards, defineSystem } from "phase3";

export default defineSystem({
  name: "sbi",
  board: boards.qemuVirt({ harts: 1, ram: "64M" }),
  partitions: {
    guest: { image: { file: "../.out/guests/sbi.bin" }, memory: "1M", hart: 0 },
  },
});
