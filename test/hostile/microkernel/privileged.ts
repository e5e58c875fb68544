/**
 * The hostile-partition suite in microkernel mode, part 2: privileged state,
 * instructions, wfi, time and floods (part 1, memory.ts, says how the suite
 * is built). Hart 0 runs round robin; hart 1 runs by priority, with a budget.
 */
import { boards, defineSystem } from "phase3";

const attacker = "attacker.c";
const exchange = "../exchange.c";
const small = { app: attacker, memory: "64K", hart: 0 } as const;
const onHart1 = { app: attacker, memory: "64K", hart: 1, priority: 1 } as const;

export default defineSystem({
  name: "hostile_mk_privileged",
  board: boards.qemuVirt({ harts: 2, ram: "64M", h: false }),
  partitions: {
    ping_a: { app: exchange, memory: "64K", hart: 0 },
    pong_a: { app: exchange, memory: "64K", hart: 0 },
    ping_b: { app: exchange, memory: "64K", hart: 0 },
    pong_b: { app: exchange, memory: "64K", hart: 1, priority: 1 },

    // privileged state
    csr_mstatus: small,
    csr_mtvec: { ...small, onFault: { restart: 1 } },
    csr_pmpcfg0: small,
    csr_pmpaddr0: small,
    csr_satp: { ...small, onFault: { restart: 1 } },
    csr_mie: small,
    csr_mscratch: small,
    mret: small,
    sret: small,
    sfence: small,
    wfi_yield: small,
    wfi_forever: { ...small, watchdog: "20ms" },
    // instructions
    illegal: small,
    breakpoint: small,
    misaligned_amo: small,
    fp_use: small,
    // calls: errors, not faults
    hcall_flood: small,
    // hart 1, by priority
    notify_flood: onHart1,
    budget_spinner: { ...onHart1, priority: 2, budget: "1ms", period: "10ms", onFault: { restart: 1 } },
    halter: { ...onHart1, onFault: "halt" },
    // last in RAM: it must not reach the pristine images that follow (tail.c)
    tail_privileged: { app: "tail.c", memory: "64K", hart: 1 },
  },
  channels: {
    pair_a: { from: "ping_a", to: "pong_a", msgSize: 64, depth: 16 },
    pair_b: { from: "ping_b", to: "pong_b", msgSize: 64, depth: 16 },
    noise: { from: "notify_flood", to: "pong_b", msgSize: 8, depth: 4 },
  },
  shared: {
    done: { size: "4K", access: { pong_a: "rw", pong_b: "rw", halter: "r" } },
  },
  schedule: { hart1: { policy: "priority" } },
});
