/*
 * The hypercall fuzzer: FUZZ_CALLS random calls, Phase3 and SBI, with
 * random arguments from a seeded generator (splitmix64). The seed is printed
 * first, so any run can be repeated exactly: set it with FUZZ_SEED (and the
 * count with FUZZ_CALLS) in a fuzz_config.h on the include path
 * (test/hostile/run-fuzz.ts writes one), or #define them before including
 * this file (bench/fuzz/long.c does).
 *
 * Arguments are drawn from pools: small ids, pointers that are valid (a
 * scratch buffer, its shared region, its device, the slots the channels hand
 * out), pointers that are not (other partitions, the hypervisor, MMIO,
 * wrapping, unaligned, random), and lengths from 0 to huge. Calls that end
 * or block the fuzzer for good are left out: p3_exit, SBI shutdown, reset,
 * hart stop and suspend. p3_wait gets deadlines in the past or a few
 * microseconds ahead.
 *
 * It runs on two vCPUs, one per hart, each with half the calls and its own
 * generator (the second seeded from the first), so calls of one partition
 * also race each other in the hypervisor.
 *
 * The fuzzer checks what it can see: every Phase3 call returns a known code,
 * and the memory around its scratch buffer, which no call may touch, is
 * unchanged. It exits 0 when both hold.
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

#define SBI_BASE 0x10
#define SBI_TIME 0x54494d45
#define SBI_IPI  0x735049
#define SBI_RFNC 0x52464e43
#define SBI_HSM  0x48534d
#define SBI_SRST 0x53525354
#define SBI_DBCN 0x4442434e

extern char __stack_top[];

struct tally {
    unsigned long phase3, sbi, ok, errors, unknown;
};

/* One per vCPU: the fuzzer runs on two harts at once. */
struct fuzzer {
    uint64_t state;                 /* splitmix64 */
    unsigned long seen_slot[4];     /* slot addresses the channels handed out */
    struct tally t;
};

static uint64_t rnd(struct fuzzer *f)
{
    uint64_t z = (f->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned below(struct fuzzer *f, unsigned n)
{
    return (unsigned)(rnd(f) % n);
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

/* What the fuzzer prints with valid pointers: dots, so the console stays readable. */
static const char dots[] = "................................";


#define RAM_BASE 0x80000000UL
#define RAM_END  0x80010000UL   /* its 64K */

/* Pointers to memory a call may write: its scratch buffer, its shared region
 * (past the word the feeder reads), its own device (which calls refuse). */
static unsigned long writable(struct fuzzer *f)
{
    size_t size;
    switch (below(f, 4)) {
    case 0: return (uintptr_t)mem.scratch + below(f, SCRATCH - 64);
    case 1: {
        uint8_t *region = p3_shm(P3_SHM_FZ_STATE, &size);
        return (uintptr_t)region + 64 + below(f, (unsigned)size - 128);
    }
    case 2: return 0x101000 + 4 * below(f, 8);
    default: return (uintptr_t)mem.scratch + 8 * below(f, SCRATCH / 8 - 8);
    }
}

/* Pointers to memory it may only read: its device tree, the done region,
 * channel slots. */
static unsigned long readable(struct fuzzer *f)
{
    size_t size;
    switch (below(f, 3)) {
    case 0: return (uintptr_t)__stack_top + below(f, 4096 - 64);
    case 1: return (uintptr_t)p3_shm(P3_SHM_DONE, &size) + below(f, 64);
    default: return f->seen_slot[below(f, 4)];
    }
}

/* Anything else: other partitions, the hypervisor, devices, edges of the
 * address space and of its own RAM, random. Never its own writable RAM,
 * which a call would rightly write (and the fuzzer would corrupt itself). */
static unsigned long wild(struct fuzzer *f)
{
    static const unsigned long edges[] = {
        0, 1, 8, 0x1000, 0x100000, 0x2000000, 0xc000000, 0x10000000, 0x7ffffff0,
        0x8000c000, 0x8000f000, 0x80010000, 0x8001f000, 0x80020000, 0x80040000, 0xbffffff0,
        0xc0000000, 0xc0001000, 0xc0003000, 0xc0005000, 0xffffffff, 0x100000000, 0x1ffffffffff,
        0x20000000000, 0x7fffffffffffffff, 0x8000000000000000, 0xfffffffffffff000, 0xfffffffffffffff0,
    };
    unsigned long a;
    switch (below(f, 4)) {
    case 0: a = edges[below(f, sizeof edges / sizeof edges[0])]; break;
    case 1: a = edges[below(f, sizeof edges / sizeof edges[0])] + below(f, 16); break;
    case 2: a = RAM_BASE + (rnd(f) & 0xfffffff); break;
    default: a = rnd(f); break;
    }
    int mine = a >= RAM_BASE && a < RAM_END && !(a >= (uintptr_t)__stack_top - 0x3000 && a < (uintptr_t)__stack_top - 0x2000) &&
               a < (uintptr_t)__stack_top;       /* its RAM and stack, not its guard page or device tree */
    return mine ? RAM_END + (a - RAM_BASE) : a;
}

static unsigned long pointer(struct fuzzer *f)
{
    switch (below(f, 8)) {
    case 0: case 1: case 2: return writable(f);
    case 3: case 4: return readable(f);
    default: return wild(f);
    }
}

static unsigned long length(struct fuzzer *f)
{
    static const unsigned long sizes[] = { 0, 1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 4096, 65536, 0x7fffffff, 0xffffffff, (unsigned long)-1, 1UL << 63 };
    return below(f, 2) ? below(f, 40) : sizes[below(f, sizeof sizes / sizeof sizes[0])];
}

/* For calls that print: short, or too long to be granted (a page of a
 * region's zeros on the console helps nobody). */
static unsigned long print_length(struct fuzzer *f)
{
    static const unsigned long huge[] = { 65536, 0x7fffffff, (unsigned long)-1, 1UL << 63 };
    return below(f, 4) ? below(f, 40) : huge[below(f, 4)];
}

static unsigned long id(struct fuzzer *f)
{
    switch (below(f, 4)) {
    case 0: case 1: return below(f, 4);                 /* its own sources: 0-2 */
    case 2: return below(f, 40);
    default: return rnd(f) >> below(f, 64);
    }
}

static unsigned long any(struct fuzzer *f)
{
    switch (below(f, 4)) {
    case 0: return id(f);
    case 1: return pointer(f);
    case 2: return length(f);
    default: return rnd(f);
    }
}

static uint64_t deadline(struct fuzzer *f)
{
    uint64_t now = p3_now();
    switch (below(f, 4)) {
    case 0: return 0;
    case 1: return now > 1000 ? now - below(f, 1000) : 0;
    default: return now + below(f, 20000);              /* at most 20 us ahead */
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

static void phase3_call(struct fuzzer *f)
{
    unsigned long fid, a0 = any(f), a1 = any(f), a2 = any(f), a3 = any(f), a4 = any(f);
    unsigned pick = below(f, 100);

    if (pick < 4) fid = 16 + below(f, 100);             /* no such call */
    else if (pick < 6) fid = rnd(f);
    else do fid = below(f, P3_FID_LIMIT); while (fid == P3_FID_EXIT);
    switch (fid) {
    case P3_FID_WRITE:                               /* valid pointers print a few dots */
        if (below(f, 8) == 0) { a0 = (uintptr_t)dots + below(f, 16); a1 = below(f, 8); }
        else { a0 = wild(f); a1 = print_length(f); }
        break;
    case P3_FID_SEND: case P3_FID_RECV:
        a0 = id(f); a1 = pointer(f); a2 = length(f);
        break;
    case P3_FID_WAIT: {
        uint64_t d = deadline(f);
        a0 = below(f, 2) ? below(f, 8) : any(f);
        a1 = d;                                      /* rv64: one register */
        break;
    }
    case P3_FID_SEND_COMMIT:
        a0 = id(f); a1 = length(f);
        break;
    case P3_FID_RECV_PEEK:
        a0 = id(f); a1 = pointer(f);
        break;
    case P3_FID_READ:
        a0 = pointer(f); a1 = length(f);
        break;
    default:
        if (below(f, 2)) a0 = id(f);
        break;
    }
    struct p3_result r = p3_ecall5(fid, a0, a1, a2, a3, a4);
    f->t.phase3++;
    if (r.error == 0) {
        f->t.ok++;
        if ((fid == P3_FID_SEND_RESERVE || fid == P3_FID_RECV_PEEK) && r.value)
            f->seen_slot[below(f, 4)] = r.value;
    } else {
        f->t.errors++;
    }
    if (fid != P3_FID_NOW && !known_error(r.error)) {   /* p3_now's time comes back in a0 */
        f->t.unknown++;
        if (f->t.unknown <= 5)
            p3_printf("unknown result %ld from call %lu (%lx, %lx, %lx)\n", r.error, fid, a0, a1, a2);
    }
}

static void sbi_call(struct fuzzer *f)
{
    static const unsigned long extensions[] = { 0, 1, 2, 3, 4, 5, 6, 7, SBI_BASE, SBI_TIME, SBI_IPI, SBI_RFNC, SBI_HSM, SBI_SRST, SBI_DBCN, 0x12345678 };
    unsigned long eid = below(f, 10) ? extensions[below(f, sizeof extensions / sizeof extensions[0])] : rnd(f);
    unsigned long fid = below(f, 8), a0 = any(f), a1 = any(f), a2 = any(f);

    switch (eid) {
    case 1:                                          /* legacy putchar */
        a0 = '.';
        break;
    case SBI_HSM:
        if (fid == 1 || fid == 3)                    /* hart stop, suspend: they end or block it */
            fid = 2;
        break;
    case SBI_SRST:
        if (fid == 0 && (uint32_t)a0 <= 2)           /* shutdown and reboots end it */
            a0 = 3 + below(f, 100);
        break;
    case SBI_DBCN:
        if (fid == 2)                                /* write_byte */
            a0 = '.';
        else if (fid == 0) {                         /* write: a few dots, or from nowhere */
            a0 = below(f, 8) ? print_length(f) : below(f, 8);
            a1 = a0 < 8 ? (uintptr_t)dots : wild(f);
        }
        break;
    default:
        if (eid == 8)                                /* legacy shutdown: out of the pool, but rnd(f) may land here */
            eid = 0x10;
        break;
    }
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    f->t.sbi++;
}

static struct fuzzer fuzzers[2];
static volatile unsigned finished;

static void fuzz(struct fuzzer *f, unsigned long calls)
{
    for (unsigned long i = 0; i < calls; i++) {
        if (below(f, 4) == 0)
            sbi_call(f);
        else
            phase3_call(f);
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

/* The second vCPU, on the other hart: half the calls, its own generator. */
void fuzz_second(void) __attribute__((noreturn));
void fuzz_second(void)
{
    fuzz(&fuzzers[1], FUZZ_CALLS / 2);
    for (;;)
        p3_wait(0, P3_FOREVER);                      /* the first vCPU reports and exits */
}

__asm__(".section .text\n"
        ".globl fuzz_entry\n"
        "fuzz_entry:\n"
        "    la sp, fuzz_stack_top\n"
        "    .option push\n    .option norelax\n    la gp, __global_pointer$\n    .option pop\n"
        "    j fuzz_second\n"
        ".section .bss\n.balign 16\n.space 4096\n"
        "fuzz_stack_top:\n"
        ".text\n");
extern char fuzz_entry[];

int main(void)
{
    volatile uint32_t *fz_state = p3_shm(P3_SHM_FZ_STATE, 0);

    memset(mem.before, 0xa5, sizeof mem.before);
    memset(mem.after, 0x5a, sizeof mem.after);
    fuzzers[0].state = FUZZ_SEED;
    fuzzers[1].state = FUZZ_SEED ^ 0xa5a5a5a5a5a5a5a5ULL;
    p3_printf("fuzz seed 0x%lx, %lu calls\n", (unsigned long)FUZZ_SEED, (unsigned long)FUZZ_CALLS);
    register unsigned long a0 __asm__("a0") = 1, a1 __asm__("a1") = (uintptr_t)fuzz_entry, a2 __asm__("a2") = 0;
    register unsigned long a6 __asm__("a6") = 0, a7 __asm__("a7") = SBI_HSM;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");   /* hart_start(1) */
    if (a0 != 0)
        return p3_printf("could not start the second vCPU: %ld\n", (long)a0), 1;
    fuzz(&fuzzers[0], FUZZ_CALLS - FUZZ_CALLS / 2);
    while (finished < 2)
        p3_wait(0, p3_now() + P3_US(50));
    p3_puts("");                                     /* end any line of dots */
    int guards = 1;
    for (unsigned i = 0; i < GUARD; i++)
        guards &= mem.before[i] == 0xa5 && mem.after[i] == 0x5a;
    fz_state[0] = FUZZ_DONE;                         /* the feeder may stop */
    struct tally t = { 0 };
    for (unsigned k = 0; k < 2; k++) {
        const struct tally *u = &fuzzers[k].t;
        t.phase3 += u->phase3, t.sbi += u->sbi, t.ok += u->ok, t.errors += u->errors, t.unknown += u->unknown;
    }
    p3_printf("fuzz done: %lu calls, %lu Phase3 (%lu ok, %lu errors, %lu unknown results), %lu SBI; guards %s\n",
              t.phase3 + t.sbi, t.phase3, t.ok, t.errors, t.unknown, t.sbi, guards ? "intact" : "DAMAGED");
#ifdef FUZZ_BENCH
    if (t.unknown == 0 && guards)
        p3_printf("bench fuzz_calls %lu calls\n", t.phase3 + t.sbi);   /* a line for the benchmark table */
#endif
    return t.unknown == 0 && guards ? 0 : 1;
}
