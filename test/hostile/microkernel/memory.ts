/**
 * The hostile-partition suite in microkernel mode, part 1: memory, devices
 * and calls with bad pointers. QEMU virt without the H extension, so an
 * M-mode kernel runs every partition in U-mode behind PMP. One attacker
 * partition per attack, all built from attacker.c (each picks its attack by
 * its partition name), beside the two well-behaved pairs of the hypervisor
 * suite (../exchange.c, unmodified): ping_a -> pong_a on hart 0 with most
 * attackers, and ping_b (hart 0) -> pong_b (hart 1). Part 2 is
 * privileged.ts: the kernel's 64K does not hold the state of every attacker
 * at once.
 *
 * Policies vary: most attackers stop, some restart a given number of times,
 * and `halter`, once everyone else is done, halts the system (status 127).
 * test/integration/hostile-microkernel.test.ts says what each attack must
 * end in.
 */
import { boards, defineSystem } from "phase3";

const attacker = "attacker.c";
const exchange = "../exchange.c";
const small = { app: attacker, memory: "64K", hart: 0 } as const;

export default defineSystem({
  name: "hostile_mk_memory",
  board: boards.qemuVirt({ harts: 2, ram: "64M", h: false }),
  partitions: {
    // first in RAM: its stack, at the bottom of its RAM, overflows into the kernel's reserve
    stack_overflow: { ...small, onFault: { restart: 1 } },
    ping_a: { app: exchange, memory: "64K", hart: 0 },
    pong_a: { app: exchange, memory: "64K", hart: 0 },
    ping_b: { app: exchange, memory: "64K", hart: 0 },
    pong_b: { app: exchange, memory: "64K", hart: 1, priority: 1 },

    // memory
    peer_read: small,
    peer_write: { ...small, onFault: { restart: 2 } },
    kernel_text: small,
    kernel_data: small,
    kernel_stack: small,
    pristine_read: small,
    pristine_write: small,
    rom_read: small,
    high_write: small,
    jump_zero: small,
    jump_kernel: small,
    // spins from the start: U-mode cannot mask the kernel's timer, round robin preempts it
    spinner_rr: { ...small, watchdog: "40ms", onFault: { restart: 1 } },
    exec_shared: small,
    exec_channel: small,
    ro_write: small,
    chan_ro_write: small,
    chan_overrun: small,
    // RAM that is not a power of two: a TOR entry
    tor_below: { ...small, memory: "40K" },
    tor_above: { ...small, memory: "40K" },
    // devices
    uart_write: small,
    plic_write: small,
    mtimecmp_write: small,
    msip_write: small,
    finisher: small,
    // calls: errors, not faults
    bad_pointers: { ...small, devices: ["rtc"] },
    chan_ids: small,
    sp_kernel: small,
    // hart 1
    halter: { app: attacker, memory: "64K", hart: 1, priority: 1, onFault: "halt" },
    // last in RAM: it must not reach the pristine images that follow (tail.c)
    tail_memory: { app: "tail.c", memory: "64K", hart: 1 },
  },
  channels: {
    pair_a: { from: "ping_a", to: "pong_a", msgSize: 64, depth: 16 },
    pair_b: { from: "ping_b", to: "pong_b", msgSize: 64, depth: 16 },
    probe: { from: "chan_ids", to: "bad_pointers", msgSize: 16, depth: 2 },
    probe_back: { from: "bad_pointers", to: "chan_ids", msgSize: 16, depth: 2 },
    code: { from: "exec_channel", to: "chan_ro_write", msgSize: 16, depth: 2 },
    edge: { from: "chan_overrun", to: "chan_ro_write", msgSize: 16, depth: 2 },
  },
  shared: {
    data: { size: "4K", access: { exec_shared: "rw", ro_write: "r", bad_pointers: "r" } },
    done: { size: "4K", access: { pong_a: "rw", pong_b: "rw", halter: "r" } },
  },
  schedule: { hart1: { policy: "priority" } },
});
