/**
 * The hostile-partition suite: one attacker partition per attack, all built
 * from attacker.c (each picks its attack by its partition name), beside two
 * well-behaved pairs that exchange checksummed messages: ping_a -> pong_a
 * on hart 0 with most attackers, and ping_b (hart 0) -> pong_b (hart 1).
 * Hart 0 runs round robin; hart 1 runs by priority, with a budget.
 *
 * Policies vary: most attackers stop, some restart a given number of times,
 * and `halter`, once everyone else is done, halts the system (status 127).
 * test/integration/hostile.test.ts says what each attack must end in.
 */
import { boards, defineSystem } from "phase3";

const attacker = "attacker.c";
const small = { app: attacker, memory: "64K", hart: 0 } as const;
const onHart1 = { app: attacker, memory: "64K", hart: 1, priority: 1 } as const;

export default defineSystem({
  name: "hostile",
  board: boards.qemuVirt({ harts: 2, ram: "64M" }),
  partitions: {
    // spins with its interrupts off from the start: round robin still preempts it
    spinner_rr: { ...small, watchdog: "40ms", onFault: { restart: 1 } },
    ping_a: { app: "exchange.c", memory: "64K", hart: 0 },
    pong_a: { app: "exchange.c", memory: "64K", hart: 0 },
    ping_b: { app: "exchange.c", memory: "64K", hart: 0 },
    pong_b: { app: "exchange.c", memory: "64K", hart: 1, priority: 1 },

    // memory
    peer_read: small,
    peer_write: { ...small, onFault: { restart: 2 } },
    hyp_read: small,
    table_write: small,
    pristine_write: small,
    rom_read: small,
    high_write: small,
    vs_paging: small,
    jump_zero: small,
    dt_write: small,
    stack_overflow: { ...small, onFault: { restart: 1 } },
    exec_data: small,
    ro_write: small,
    // devices
    uart_write: small,
    plic_write: small,
    clint_write: small,
    finisher: small,
    // privileged state
    csr_hgatp: small,
    csr_hstatus: { ...small, onFault: { restart: 1 } },
    csr_satp: { ...small, onFault: { restart: 1 } },
    csr_pmp: small,
    csr_medeleg: small,
    hfence: small,
    vu_ecall: small,
    // instructions
    illegal: small,
    breakpoint: small,
    misaligned_amo: small,
    fp_use: small,
    // calls: errors, not faults
    bad_pointers: { ...small, devices: ["rtc"] },
    chan_ids: small,
    hcall_flood: small,
    // hart 1, by priority
    notify_flood: onHart1,
    budget_spinner: { ...onHart1, priority: 2, budget: "1ms", period: "10ms", onFault: { restart: 1 } },
    twin: { app: attacker, memory: "64K", hart: [0, 1], priority: 1 },
    halter: { ...onHart1, onFault: "halt" },
  },
  channels: {
    pair_a: { from: "ping_a", to: "pong_a", msgSize: 64, depth: 16 },
    pair_b: { from: "ping_b", to: "pong_b", msgSize: 64, depth: 16 },
    noise: { from: "notify_flood", to: "pong_b", msgSize: 8, depth: 4 },
    probe: { from: "chan_ids", to: "bad_pointers", msgSize: 16, depth: 2 },
    probe_back: { from: "bad_pointers", to: "chan_ids", msgSize: 16, depth: 2 },
  },
  shared: {
    data: { size: "4K", access: { exec_data: "rw", ro_write: "r" } },
    done: { size: "4K", access: { pong_a: "rw", pong_b: "rw", halter: "r" } },
  },
  schedule: { hart1: { policy: "priority" } },
});
