/*
 * The hypercall fuzzer in microkernel mode (fuzz.ts): the hypervisor suite's
 * ../fuzzer.c cannot run unmodified in U-mode (it starts a second vCPU with
 * SBI HSM, reads a device tree above its stack and knows its RAM at the
 * guest-physical 0x80000000), so this is its U-mode twin, one vCPU, with the
 * same seed file, pools and final line (../run-fuzz.ts's fuzzProblems reads
 * it).
 *
 * FUZZ_CALLS random calls from a seeded generator (splitmix64): Phase3
 * calls with arguments from pools (pointers that are valid: its scratch
 * buffer, its shared region, its device, the slots the channels hand out;
 * pointers that are not: the kernel's reserve, other partitions, MMIO,
 * wrapping, unaligned, random; lengths from 0 to huge), and ecalls that are
 * not Phase3 calls, which a U-mode app has no SBI to answer. Left out: p3_exit.
 * p3_wait gets deadlines in the past or a few microseconds ahead.
 *
 * It checks what it can see: every Phase3 call returns a known code, every
 * other ecall P3_ERR_NOT_SUPPORTED, and the memory around its scratch
 * buffer, which no call may touch, is unchanged. It exits 0 when all hold.
 */
#include <phase3.h>
#if __has_include("fuzz_config.h")
#include "fuzz_config.h"
#endif

#ifndef FUZZ_SEED
#define FUZZ_SEED 0x5eed
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS 100000
#endif

#define FUZZ_DONE 0xf0220d0eu   /* in fz_state[0] when the fuzzer is done */

#define STACK_SIZE 0x2000UL     /* its stack, at the bottom of its RAM */
#define RAM_SIZE   0x10000UL    /* its 64K */
#define RTC        0x101000UL   /* its own device */

extern char __stack_top[];
#define OWN_BASE ((uintptr_t)__stack_top - STACK_SIZE)
#define OWN_END  (OWN_BASE + RAM_SIZE)

struct tally {
    unsigned long phase3, sbi, ok, errors, unknown;
};

static struct {
    uint64_t state;                 /* splitmix64 */
    unsigned long seen_slot[4];     /* slot addresses the channels handed out */
    struct tally t;
} fz;

static uint64_t rnd(void)
{
    uint64_t z = (fz.state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* The calls may write here (at most 64 bytes past any pointer into it);
 * the guards around it must never change. */
#define SCRATCH 4096
#define GUARD 256
static struct {
    uint8_t before[GUARD];
    uint8_t scratch[SCRATCH];
    uint8_t after[GUARD];
} mem __attribute__((aligned(64)));

static const char dots[] = "................................";

/* Pointers to memory a call may write: its scratch buffer, its shared
 * region (past the word the feeder reads), its own device (which calls
 * refuse). */
static unsigned long writable(void)
{
    size_t size;
    switch (below(4)) {
    case 0: return (uintptr_t)mem.scratch + below(SCRATCH - 64);
    case 1: {
        uint8_t *region = p3_shm(P3_SHM_FZ_STATE, &size);
        return (uintptr_t)region + 64 + below((unsigned)size - 128);
    }
    case 2: return RTC + 4 * below(8);
    default: return (uintptr_t)mem.scratch + 8 * below(SCRATCH / 8 - 8);
    }
}

/* Pointers to memory it may only read: the done region, channel slots. */
static unsigned long readable(void)
{
    size_t size;
    switch (below(2)) {
    case 0: return (uintptr_t)p3_shm(P3_SHM_DONE, &size) + below(64);
    default: return fz.seen_slot[below(4)];
    }
}

/* Anything else: the kernel, other partitions, devices, edges of the
 * address space and of its own RAM, random. Never its own RAM, which a call
 * would rightly write (and the fuzzer would corrupt itself). */
static unsigned long wild(void)
{
    static const unsigned long edges[] = {
        0, 1, 8, 0x1000, 0x100000, 0x2000000, 0x2004000, 0xc000000, 0xc002000, 0x10000000, 0x7ffffff0,
        0x80000000, 0x80001000, 0x80008000, 0x8000fff0, 0x80020000, 0x80030000, 0x80040000, 0x80050000,
        0x80060000, 0x80100000, 0x83e00000, 0xffffffff, 0x100000000, 0x1ffffffffff,
        0x7fffffffffffffff, 0x8000000000000000, 0xfffffffffffff000, 0xfffffffffffffff0,
    };
    unsigned long a;
    switch (below(5)) {
    case 0: a = edges[below(sizeof edges / sizeof edges[0])]; break;
    case 1: a = edges[below(sizeof edges / sizeof edges[0])] + below(16); break;
    case 2: a = 0x80000000UL + (rnd() & 0xfffffff); break;
    case 3: return below(2) ? OWN_BASE - 1 - below(32) : OWN_END - 1 - below(32);   /* at its edges: with a length, across them */
    default: a = rnd(); break;
    }
    return a >= OWN_BASE && a < OWN_END ? OWN_END + (a - OWN_BASE) : a;
}

static unsigned long pointer(void)
{
    switch (below(8)) {
    case 0: case 1: case 2: return writable();
    case 3: case 4: return readable();
    default: return wild();
    }
}

static unsigned long length(void)
{
    static const unsigned long sizes[] = { 0, 1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 4096, 65536, 0x7fffffff, 0xffffffff, (unsigned long)-1, 1UL << 63 };
    return below(2) ? below(40) : sizes[below(sizeof sizes / sizeof sizes[0])];
}

/* For calls that print: short, or too long to be granted. */
static unsigned long print_length(void)
{
    static const unsigned long huge[] = { 65536, 0x7fffffff, (unsigned long)-1, 1UL << 63 };
    return below(4) ? below(40) : huge[below(4)];
}

static unsigned long id(void)
{
    switch (below(4)) {
    case 0: case 1: return below(4);                 /* its own sources: 0-3 */
    case 2: return below(40);
    default: return rnd() >> below(64);
    }
}

static unsigned long any(void)
{
    switch (below(4)) {
    case 0: return id();
    case 1: return pointer();
    case 2: return length();
    default: return rnd();
    }
}

static uint64_t deadline(void)
{
    uint64_t now = p3_now();
    switch (below(4)) {
    case 0: return 0;
    case 1: return now > 1000 ? now - below(1000) : 0;
    default: return now + below(20000);              /* at most 20 us ahead */
    }
}

static int known_error(long e)
{
    switch (e) {
    case P3_OK: case P3_ERR_NOT_SUPPORTED: case P3_ERR_INVALID: case P3_ERR_DENIED:
    case P3_ERR_BAD_ADDRESS: case P3_ERR_AGAIN: case P3_ERR_FULL: case P3_ERR_BUSY:
        return 1;
    default:
        return 0;
    }
}

static void unknown(long error, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
    fz.t.unknown++;
    if (fz.t.unknown <= 5)
        p3_printf("unknown result %ld from call %lx (%lx, %lx, %lx)\n", error, fid, a0, a1, a2);
}

static void phase3_call(void)
{
    unsigned long fid, a0 = any(), a1 = any(), a2 = any(), a3 = any(), a4 = any();
    unsigned pick = below(100);

    if (pick < 4) fid = 16 + below(100);             /* no such call */
    else if (pick < 6) fid = rnd();
    else do fid = below(P3_FID_LIMIT); while (fid == P3_FID_EXIT);
    switch (fid) {
    case P3_FID_WRITE:                               /* valid pointers print a few dots */
        if (below(8) == 0) { a0 = (uintptr_t)dots + below(16); a1 = below(8); }
        else { a0 = wild(); a1 = print_length(); }
        break;
    case P3_FID_SEND: case P3_FID_RECV:
        a0 = id(); a1 = pointer(); a2 = length();
        break;
    case P3_FID_WAIT:
        a0 = below(2) ? below(16) : any();
        a1 = deadline();                             /* rv64: one register */
        break;
    case P3_FID_SEND_COMMIT:
        a0 = id(); a1 = length();
        break;
    case P3_FID_RECV_PEEK:
        a0 = id(); a1 = pointer();
        break;
    case P3_FID_READ:
        a0 = pointer(); a1 = length();
        break;
    default:
        if (below(2)) a0 = id();
        break;
    }
    struct p3_result r = p3_ecall5(fid, a0, a1, a2, a3, a4);
    fz.t.phase3++;
    if (r.error == 0) {
        fz.t.ok++;
        if ((fid == P3_FID_SEND_RESERVE || fid == P3_FID_RECV_PEEK) && r.value)
            fz.seen_slot[below(4)] = r.value;
    } else {
        fz.t.errors++;
    }
    if (fid != P3_FID_NOW && !known_error(r.error))   /* p3_now's time comes back in a0 */
        unknown(r.error, fid, a0, a1, a2);
}

/* SBI calls, and ecalls of any extension but Phase3's: no one answers them. */
static void other_ecall(void)
{
    static const unsigned long extensions[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0x54494d45, 0x735049, 0x52464e43, 0x48534d, 0x53525354, 0x4442434e };
    unsigned long eid = below(4) ? extensions[below(sizeof extensions / sizeof extensions[0])] : rnd();
    unsigned long fid = below(2) ? below(8) : rnd(), a0 = any(), a1 = any(), a2 = any();

    if (eid == P3_EXTENSION_ID)
        eid = 0x10;
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r6), "+r"(r7)
                     :: "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a3", "a4", "a5");
    fz.t.sbi++;
    if ((long)r0 != P3_ERR_NOT_SUPPORTED)
        unknown((long)r0, eid, a0, a1, a2);
}

int main(void)
{
    volatile uint32_t *fz_state = p3_shm(P3_SHM_FZ_STATE, 0);

    memset(mem.before, 0xa5, sizeof mem.before);
    memset(mem.after, 0x5a, sizeof mem.after);
    fz.state = FUZZ_SEED;
    p3_printf("fuzz seed 0x%lx, %lu calls\n", (unsigned long)FUZZ_SEED, (unsigned long)FUZZ_CALLS);
    for (unsigned long i = 0; i < FUZZ_CALLS; i++) {
        if (below(4) == 0)
            other_ecall();
        else
            phase3_call();
    }
    p3_puts("");                                     /* end any line of dots */
    int guards = 1;
    for (unsigned i = 0; i < GUARD; i++)
        guards &= mem.before[i] == 0xa5 && mem.after[i] == 0x5a;
    fz_state[0] = FUZZ_DONE;                         /* the feeder may stop */
    p3_printf("fuzz done: %lu calls, %lu Phase3 (%lu ok, %lu errors, %lu unknown results), %lu SBI; guards %s\n",
              fz.t.phase3 + fz.t.sbi, fz.t.phase3, fz.t.ok, fz.t.errors, fz.t.unknown, fz.t.sbi, guards ? "intact" : "DAMAGED");
    return fz.t.unknown == 0 && guards ? 0 : 1;
}
