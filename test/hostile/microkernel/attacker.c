/*
 * Every attacker of the microkernel hostile suite (memory.ts, privileged.ts): each
 * partition runs the attack named after it, from U-mode, against an M-mode
 * kernel and PMP. An attack that faults prints what it tries first
 * ("attack ..."); one that is refused with error codes checks each of them
 * and prints "contained ...". Anything that gets through prints "BREACH ...".
 *
 * In microkernel mode a partition runs at its host-physical addresses: the
 * addresses below come from the memory plan of memory.ts (build/report.txt)
 * and the kernel's ELF, the only system whose attacks use them;
 * test/integration/hostile-microkernel.test.ts checks they still name what
 * these comments say.
 */
#include <phase3.h>
#include "../attack.h"

#define PEER_RAM      0x80030000UL  /* host RAM of pong_a, a well-behaved partition */
#define KERNEL_TEXT   0x80000000UL  /* the kernel's entry (_start), in its text */
#define KERNEL_DATA   0x80009e70UL  /* the kernel's partition table (partitions[]), in its .bss */
#define KERNEL_STACK  0x8000b9a0UL  /* hart 0's kernel stack (in hart_areas[]), below its struct hart */
#define PRISTINE      0x80232880UL  /* the first pristine copy of a restartable image (p3_pristine_stack_overflow) */
#define EDGE_END      0x80232880UL  /* one byte past the channel edge's buffer (the pristine images follow) */
#define STACK_SIZE    0x2000UL      /* every attacker's stack: the default 8K, at the bottom of its RAM */
#define RAM_SIZE      0x10000UL     /* most attackers' RAM: 64K */
#define TOR_SIZE      0xa000UL      /* tor_below's and tor_above's: 40K, not a power of two */
#define HALT_AFTER_MS 150           /* when halter halts the system: after everyone else */

#define UART          0x10000000UL
#define PLIC_ENABLE0  0x0c002000UL  /* the PLIC's enable bits of context 0: hart 0, M-mode */
#define CLINT_MSIP0   0x02000000UL  /* hart 0's software-interrupt doorbell */
#define CLINT_MTIMECMP0 0x02004000UL /* hart 0's timer compare: the kernel's preemption */
#define RTC           0x00101000UL  /* the goldfish RTC, a device bad_pointers is granted */
#define FINISHER      0x00100000UL  /* QEMU's test finisher: ends the run */

#define SBI_DBCN      0x4442434e

extern char __stack_top[];       /* the stack's top: its image starts here */
#define OWN_BASE ((uintptr_t)__stack_top - STACK_SIZE)
#define OWN_END  (OWN_BASE + RAM_SIZE)

/* Runs the code at `at`, which it has just written: a `ret` would come back. */
static __attribute__((unused)) void run_written(uint32_t *at)
{
    *at = 0x00008067;   /* ret */
    __asm__ volatile("fence.i" ::: "memory");
    ((void (*)(void))at)();
}

/* --- memory ----------------------------------------------------------------- */

static int peer_read(void)
{
    say("read pong_a's RAM");
    uint32_t v = load(PEER_RAM);
    return p3_printf("read %x\n", v), breach("read another partition's RAM");
}

static int peer_write(void)
{
    say("write pong_a's RAM");
    store(PEER_RAM + 0x100, 0xbad);
    return breach("wrote another partition's RAM");
}

static int kernel_text(void)
{
    say("read the kernel's code");
    uint32_t v = load(KERNEL_TEXT);
    return p3_printf("read %x\n", v), breach("read the kernel's code");
}

static int kernel_data(void)
{
    say("write the kernel's partition table");
    store(KERNEL_DATA, 0);
    return breach("wrote the kernel's data");
}

static int kernel_stack(void)
{
    say("write the kernel's stack");
    store(KERNEL_STACK, 0);
    return breach("wrote the kernel's stack");
}

static int pristine_read(void)
{
    say("read the pristine images");
    uint32_t v = load(PRISTINE);
    return p3_printf("read %x\n", v), breach("read a pristine image");
}

static int pristine_write(void)
{
    say("write the pristine images");
    store(PRISTINE, 0);
    return breach("wrote a pristine image");
}

static int rom_read(void)
{
    say("read the boot ROM at 0x1000");
    uint32_t v = load(0x1000);
    return p3_printf("read %x\n", v), breach("read the boot ROM");
}

static int high_write(void)
{
    say("write the top of the address space");
    store(0xfffffffffffff000UL, 0);
    return breach("wrote the top of the address space");
}

static int jump_zero(void)
{
    void (*volatile to)(void) = 0;
    say("jump to address 0");
    to();
    return breach("ran at address 0");
}

static int jump_kernel(void)
{
    void (*volatile to)(void) = (void (*)(void))KERNEL_TEXT;
    say("jump into the kernel's entry");
    to();
    return breach("ran the kernel's code in U-mode");
}

static unsigned recurse(unsigned depth)
{
    volatile char frame[256];
    if (depth > 1000000)
        return 0;   /* far beyond any stack: the end of its RAM comes first */
    frame[0] = (char)depth;
    return recurse(depth + 1) + frame[0];
}

static int stack_overflow(void)
{
    say("recurse until the stack overflows");
    recurse(0);
    return breach("recursed forever");
}

#ifdef P3_SHM_DATA
static int exec_shared(void)
{
    uint32_t *region = p3_shm(P3_SHM_DATA, 0);
    say("execute from a read-write shared region");
    run_written(region);
    return breach("executed a shared region");
}

static int ro_write(void)
{
    uint32_t *region = p3_shm(P3_SHM_DATA, 0);
    p3_printf("the region reads %x\n", region[0]);
    say("write a shared region granted read-only");
    region[1] = 1;
    return breach("wrote a read-only region");
}
#else
static int exec_shared(void) { return breach("no data region"); }
static int ro_write(void) { return breach("no data region"); }
#endif

#ifdef P3_CHAN_CODE
/* One message for chan_ro_write, then code in the next slot, run. */
static int exec_channel(void)
{
    void *slot = 0;
    if (p3_send(P3_CHAN_CODE, "code", 4) != P3_OK || p3_send_reserve(P3_CHAN_CODE, &slot) != P3_OK)
        return breach("no slot to write");
    say("execute from its channel's buffer");
    run_written(slot);
    return breach("executed a channel buffer");
}
#else
static int exec_channel(void) { return breach("no code channel"); }
#endif

#ifdef P3_CHAN_CODE
/* Zero-copy receive gives it the slot's address: the slot is read-only to it. */
static int chan_ro_write(void)
{
    size_t length = 0;
    void *slot = 0;
    uint64_t give_up = p3_now() + P3_MS(200);
    int error;
    while ((error = p3_recv_peek(P3_CHAN_CODE, &length, &slot)) == P3_ERR_AGAIN && p3_now() < give_up)
        p3_wait(P3_MASK(P3_CHAN_CODE), give_up);
    if (error != P3_OK || length != 4 || memcmp(slot, "code", 4) != 0)
        return breach("no message to write over");
    say("write the slot of a message it receives");
    *(volatile uint32_t *)slot = 0;
    return breach("wrote a channel it only receives on");
}
#else
static int chan_ro_write(void) { return breach("no code channel"); }
#endif

#ifdef P3_CHAN_EDGE
static int chan_overrun(void)
{
    void *slot = 0;
    if (p3_send_reserve(P3_CHAN_EDGE, &slot) != P3_OK)
        return breach("no slot to write");
    p3_printf("its slot is at %p\n", slot);
    say("write past the end of its channel's buffer");
    store(EDGE_END, 0);
    return breach("wrote past its channel's buffer");
}
#else
static int chan_overrun(void) { return breach("no edge channel"); }
#endif

/* Partitions whose RAM is not a power of two take a TOR entry (and an OFF one
 * for its base): their own first and last words are theirs, the words just
 * outside are not. */
static int tor_below(void)
{
    p3_printf("its RAM starts with %x and ends with %x\n", load(OWN_BASE), load(OWN_BASE + TOR_SIZE - 4));
    say("read the word below its TOR range");
    uint32_t v = load(OWN_BASE - 4);
    return p3_printf("read %x\n", v), breach("read below its TOR range");
}

static int tor_above(void)
{
    p3_printf("its RAM starts with %x and ends with %x\n", load(OWN_BASE), load(OWN_BASE + TOR_SIZE - 4));
    say("write the word past its TOR range");
    store(OWN_BASE + TOR_SIZE, 0);
    return breach("wrote past its TOR range");
}

/* --- devices -------------------------------------------------------------- */

static int uart_write(void)
{
    say("write the console UART");
    *(volatile uint8_t *)UART = 'X';
    return breach("wrote the UART");
}

static int plic_write(void)
{
    say("enable every interrupt of hart 0's M-mode context in the PLIC");
    store(PLIC_ENABLE0, 0xffffffff);
    return breach("wrote the PLIC");
}

static int mtimecmp_write(void)
{
    say("push its own hart's mtimecmp to the end of time");
    *(volatile uint64_t *)CLINT_MTIMECMP0 = ~0ULL;
    return breach("wrote mtimecmp");
}

static int msip_write(void)
{
    say("ring its own hart's doorbell in the CLINT");
    store(CLINT_MSIP0, 1);
    return breach("wrote msip");
}

static int finisher(void)
{
    say("end the run through the test finisher");
    store(FINISHER, 0x5555);
    return breach("wrote the test finisher");
}

/* --- privileged state ------------------------------------------------------- */

/* Each write goes through t0, so the instruction's bits are known. */
#define CSR_WRITE(csr, value) __asm__ volatile("mv t0, %0; csrw " #csr ", t0" :: "r"(value) : "t0")

static void m_handler(void) __attribute__((noreturn));
static void m_handler(void)
{
    p3_printf("BREACH a trap came to its own handler\n");
    p3_exit(99);
}

static int csr_mstatus(void)
{
    say("write mstatus: MPP = M, MIE");
    CSR_WRITE(mstatus, 0x1888UL);
    return breach("wrote mstatus");
}

static int csr_mtvec(void)
{
    say("point mtvec at its own handler");
    CSR_WRITE(mtvec, (uintptr_t)m_handler);
    return breach("wrote mtvec");
}

static int csr_pmpcfg0(void)
{
    say("open pmpcfg0: entry 0 NAPOT rwx");
    CSR_WRITE(pmpcfg0, 0x1fUL);
    return breach("wrote pmpcfg0");
}

static int csr_pmpaddr0(void)
{
    say("open pmpaddr0: all of memory");
    CSR_WRITE(pmpaddr0, -1L);
    return breach("wrote pmpaddr0");
}

static int csr_satp(void)
{
    say("write satp");
    CSR_WRITE(satp, (8UL << 60) | (0x12345000UL >> 12));
    return breach("wrote satp");
}

static int csr_mie(void)
{
    say("turn off the kernel's interrupts in mie");
    CSR_WRITE(mie, 0UL);
    return breach("wrote mie");
}

static int csr_mscratch(void)
{
    unsigned long v;
    say("read mscratch: the kernel's pointer to its vCPU");
    __asm__ volatile("csrr t0, mscratch; mv %0, t0" : "=r"(v) :: "t0");
    return p3_printf("read %lx\n", v), breach("read mscratch");
}

static int mret(void)
{
    say("mret");
    __asm__ volatile("mret");
    return breach("ran mret");
}

static int sret(void)
{
    say("sret");
    __asm__ volatile("sret");
    return breach("ran sret");
}

static int sfence(void)
{
    say("sfence.vma");
    __asm__ volatile("sfence.vma");
    return breach("ran sfence.vma");
}

/* --- instructions ----------------------------------------------------------- */

static int illegal(void)
{
    say("an illegal instruction (write the read-only cycle CSR)");
    __asm__ volatile(".4byte 0xc0001073");
    return breach("ran an illegal instruction");
}

static int breakpoint(void)
{
    say("ebreak");
    __asm__ volatile("ebreak");
    return breach("ran ebreak");
}

static volatile uint32_t amo_words[4];

static int misaligned_amo(void)
{
    uint32_t old;
    say("a misaligned atomic");
    __asm__ volatile("amoadd.w %0, %1, (%2)" : "=r"(old) : "r"(1), "r"((uintptr_t)amo_words + 2) : "memory");
    return breach("ran a misaligned atomic");
}

static int fp_use(void)
{
    say("use the FPU, which the kernel leaves off");
    __asm__ volatile(".insn r 0x53, 0, 0x79, x1, x0, x0");   /* fmv.d.x f1, zero */
    return breach("used the FPU");
}

/* --- calls and wfi: refused with errors, or harmless ---------------------------- */

/* With mstatus.TW a wfi in U-mode traps; the kernel makes it a yield. Some
 * are only 2-byte aligned, after a compressed instruction. */
static int wfi_yield(void)
{
    enum { ROUNDS = 200 };
    uint64_t start = p3_now();
    for (unsigned i = 0; i < ROUNDS; i++) {
        __asm__ volatile("wfi");
        checks++;
        __asm__ volatile(".balign 4; c.nop; wfi");
        checks++;
    }
    expect(p3_now() > start, 1, "time went on while it yielded");
    return contained("wfi_yield");
}

static int wfi_forever(void)
{
    say("wfi forever, under a watchdog it never pats");
    for (;;)
        __asm__ volatile("wfi");
    return breach("left its wfi loop");
}

#if defined(P3_CHAN_PROBE) && defined(P3_SHM_DATA)
/* Pointers and lengths outside what it may use: every one refused. */
static int bad_pointers(void)
{
    char buf[32] = { 0 };
    size_t length = 0;
    void *slot = 0;
    const char *region = p3_shm(P3_SHM_DATA, 0);   /* granted read-only */

    expect(p3_write((void *)KERNEL_TEXT, 16), P3_ERR_BAD_ADDRESS, "write from the kernel's code");
    expect(p3_write((void *)KERNEL_DATA, 16), P3_ERR_BAD_ADDRESS, "write from the kernel's data");
    expect(p3_write((void *)KERNEL_STACK, 16), P3_ERR_BAD_ADDRESS, "write from the kernel's stack");
    expect(p3_write((void *)PEER_RAM, 16), P3_ERR_BAD_ADDRESS, "write from another partition's RAM");
    expect(p3_write((void *)PRISTINE, 16), P3_ERR_BAD_ADDRESS, "write from the pristine images");
    expect(p3_write((void *)0, 16), P3_ERR_BAD_ADDRESS, "write from address 0");
    expect(p3_write((void *)0x1000, 16), P3_ERR_BAD_ADDRESS, "write from the boot ROM");
    expect(p3_write((void *)UART, 1), P3_ERR_BAD_ADDRESS, "write from the UART");
    expect(p3_write((void *)(RTC + 1), 3), P3_ERR_BAD_ADDRESS, "write from its own device's registers");
    expect(p3_write((void *)0xfffffffffffffff0UL, 32), P3_ERR_BAD_ADDRESS, "write wrapping the address space");
    expect(p3_write(buf, 1UL << 63), P3_ERR_BAD_ADDRESS, "write of a huge length");
    expect(p3_write(buf, (size_t)-1), P3_ERR_BAD_ADDRESS, "write of length -1");
    expect(p3_write((void *)(OWN_END - 8), 16), P3_ERR_BAD_ADDRESS, "write running past the end of its RAM");
    expect(p3_write((void *)(OWN_BASE - 8), 16), P3_ERR_BAD_ADDRESS, "write starting below its RAM");
    expect(p3_write((void *)OWN_BASE, RAM_SIZE + 1), P3_ERR_BAD_ADDRESS, "write of all its RAM and one byte more");
    expect(p3_send(P3_CHAN_PROBE_BACK, (void *)PEER_RAM, 16), P3_ERR_BAD_ADDRESS, "send from another partition's RAM");
    expect(p3_send(P3_CHAN_PROBE_BACK, (void *)KERNEL_DATA, 16), P3_ERR_BAD_ADDRESS, "send from the kernel's data");
    expect(p3_send(P3_CHAN_PROBE_BACK, (void *)-8L, 16), P3_ERR_BAD_ADDRESS, "send wrapping the address space");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)KERNEL_DATA, &slot), P3_ERR_BAD_ADDRESS, "peek storing into the kernel's data");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)KERNEL_STACK, &slot), P3_ERR_BAD_ADDRESS, "peek storing into the kernel's stack");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)region, &slot), P3_ERR_BAD_ADDRESS, "peek storing into a read-only region");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)(buf + 1), &slot), P3_ERR_BAD_ADDRESS, "peek storing misaligned");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)PEER_RAM, &slot), P3_ERR_BAD_ADDRESS, "peek storing into another partition");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)RTC, &slot), P3_ERR_BAD_ADDRESS, "peek storing into its own device");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)-8L, &slot), P3_ERR_BAD_ADDRESS, "peek storing at the top of the address space");
    expect(p3_read((void *)KERNEL_DATA, 16), P3_ERR_DENIED, "read the console, which it does not own, into the kernel's data");
    expect(sbi(SBI_DBCN, 0, 16, KERNEL_DATA, 0).error, P3_ERR_NOT_SUPPORTED, "SBI debug console write from the kernel's data");
    expect(sbi(SBI_DBCN, 1, 16, KERNEL_DATA, 0).error, P3_ERR_NOT_SUPPORTED, "SBI debug console read into the kernel's data");
    expect(sbi(1, 0, 'X', 0, 0).error, P3_ERR_NOT_SUPPORTED, "legacy SBI console putchar");
    expect(sbi(0x48534d, 0, 1, KERNEL_TEXT, 0).error, P3_ERR_NOT_SUPPORTED, "SBI HSM start of another hart at the kernel's code");

    /* chan_ids sends two messages; the first shows where the slots are */
    uint64_t give_up = p3_now() + P3_MS(200);
    int error;
    while ((error = p3_recv_peek(P3_CHAN_PROBE, &length, &slot)) == P3_ERR_AGAIN && p3_now() < give_up)
        p3_wait(P3_MASK(P3_CHAN_PROBE), give_up);
    expect(error == P3_OK && length == 7 && memcmp(slot, "probe 1", 7) == 0, 1, "the first message, in place");
    expect(p3_recv_release(P3_CHAN_PROBE), P3_OK, "release it");
    while (!(p3_wait(P3_MASK(P3_CHAN_PROBE), give_up) & P3_MASK(P3_CHAN_PROBE)) && p3_now() < give_up)
        ;   /* ready while the second message waits */
    expect(p3_recv(P3_CHAN_PROBE, slot, 16), P3_ERR_BAD_ADDRESS, "receive into the channel's own (read-only) slots");
    expect(p3_recv(P3_CHAN_PROBE, (void *)region, 16), P3_ERR_BAD_ADDRESS, "receive into a read-only region");
    expect(p3_recv(P3_CHAN_PROBE, (void *)KERNEL_TEXT, 16), P3_ERR_BAD_ADDRESS, "receive into the kernel's code");
    expect(p3_recv(P3_CHAN_PROBE, (void *)KERNEL_DATA, 16), P3_ERR_BAD_ADDRESS, "receive into the kernel's data");
    expect(p3_recv(P3_CHAN_PROBE, (void *)KERNEL_STACK, 16), P3_ERR_BAD_ADDRESS, "receive into the kernel's stack");
    expect(p3_recv(P3_CHAN_PROBE, (void *)PRISTINE, 16), P3_ERR_BAD_ADDRESS, "receive into the pristine images");
    expect(p3_recv(P3_CHAN_PROBE, (void *)(OWN_END - 4), 16), P3_ERR_BAD_ADDRESS, "receive running past the end of its RAM");
    expect(p3_recv(P3_CHAN_PROBE, (void *)-8L, 16), P3_ERR_BAD_ADDRESS, "receive wrapping the address space");
    expect(p3_recv(P3_CHAN_PROBE, (void *)PEER_RAM, 16), P3_ERR_BAD_ADDRESS, "receive into another partition");
    expect(p3_recv(P3_CHAN_PROBE, (void *)RTC, 16), P3_ERR_BAD_ADDRESS, "receive into its own device");
    expect(p3_recv(P3_CHAN_PROBE, (void *)CLINT_MTIMECMP0, 16), P3_ERR_BAD_ADDRESS, "receive into mtimecmp");
    expect(p3_recv(P3_CHAN_PROBE, buf, sizeof buf), 7, "then receive it properly");
    expect(memcmp(buf, "probe 2", 7), 0, "intact");
    return contained("bad_pointers");
}
#else
static int bad_pointers(void) { return breach("bad_pointers has no probe channel or data region"); }
#endif

#ifdef P3_CHAN_PROBE_BACK
/* Channel ids it does not have, or the wrong end of one it has. */
static int chan_ids(void)
{
    channel_id_checks();
    /* then fill the channel: the queue holds its depth and refuses the rest */
    unsigned full = 0;
    for (unsigned i = 0; i < 1000; i++)
        full += p3_send(P3_CHAN_PROBE, "flood", 5) == P3_ERR_FULL;
    expect(full >= 998, 1, "a full channel refuses the flood");
    return contained("chan_ids");
}
#else
static int chan_ids(void) { return breach("chan_ids has no probe channel"); }
#endif

/* Calls, and the timer's preemption, with sp pointing into the kernel's
 * stack: the kernel must never use a partition's sp. The fast path (version)
 * and the slow one (yield) are both taken, then it spins 3ms by the clock so
 * that its turn ends at least once. */
static int sp_kernel(void)
{
    unsigned long version, yielded, start, end;
    say("calls and preemption with sp in the kernel's stack");
    __asm__ volatile(
        "mv   s1, sp\n"
        "mv   sp, %4\n"
        "li   a7, %5\n"
        "li   a6, %6\n"
        "ecall\n"
        "mv   s2, a1\n"
        "li   a7, %5\n"
        "li   a6, %7\n"
        "ecall\n"
        "mv   s3, a0\n"
        "rdtime s4\n"
        "1:   rdtime s5\n"
        "sub  s6, s5, s4\n"
        "li   s7, 30000\n"
        "bltu s6, s7, 1b\n"
        "mv   sp, s1\n"
        "mv   %0, s2\n"
        "mv   %1, s3\n"
        "mv   %2, s4\n"
        "mv   %3, s5\n"
        : "=r"(version), "=r"(yielded), "=r"(start), "=r"(end)
        : "r"(KERNEL_STACK), "i"(P3_EXTENSION_ID), "i"(P3_FID_VERSION), "i"(P3_FID_YIELD)
        : "s1", "s2", "s3", "s4", "s5", "s6", "s7", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
          "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "memory");
    expect((long)version, P3_ABI_VERSION, "version, by the fast path");
    expect((long)yielded, P3_OK, "yield, by the slow path");
    expect(end - start >= 30000, 1, "3ms spun");
    return contained("sp_kernel");
}


#ifdef P3_SHM_DONE
/* Waits until both exchanges are done and every other attacker has had its
 * turn, then faults: its policy halts the whole system. */
static int halter(void)
{
    const volatile uint32_t *done = p3_shm(P3_SHM_DONE, 0);
    while (done[1] != 0xd0d0d0d0u || done[2] != 0xd0d0d0d0u || p3_now() < P3_MS(HALT_AFTER_MS))
        p3_wait(0, p3_now() + P3_MS(1));
    say("everyone else is done: write mtvec, under a halt policy");
    CSR_WRITE(mtvec, (uintptr_t)m_handler);
    return breach("wrote mtvec");
}
#else
static int halter(void) { return breach("halter has no done region"); }
#endif

static int spinner(void)
{
    say("spin forever in U-mode");
    for (;;)
        __asm__ volatile("");
    return breach("left its spin loop");
}

/* --- dispatch ------------------------------------------------------------------- */

static const struct {
    const char *name;
    int (*run)(void);
} attacks[] = {
    { "spinner_rr", spinner }, { "budget_spinner", spinner },
    { "peer_read", peer_read }, { "peer_write", peer_write }, { "kernel_text", kernel_text },
    { "kernel_data", kernel_data }, { "kernel_stack", kernel_stack }, { "pristine_read", pristine_read },
    { "pristine_write", pristine_write }, { "rom_read", rom_read }, { "high_write", high_write },
    { "jump_zero", jump_zero }, { "jump_kernel", jump_kernel }, { "stack_overflow", stack_overflow },
    { "exec_shared", exec_shared }, { "exec_channel", exec_channel }, { "ro_write", ro_write },
    { "chan_ro_write", chan_ro_write }, { "chan_overrun", chan_overrun },
    { "uart_write", uart_write }, { "plic_write", plic_write }, { "mtimecmp_write", mtimecmp_write },
    { "msip_write", msip_write }, { "finisher", finisher },
    { "csr_mstatus", csr_mstatus }, { "csr_mtvec", csr_mtvec }, { "csr_pmpcfg0", csr_pmpcfg0 },
    { "csr_pmpaddr0", csr_pmpaddr0 }, { "csr_satp", csr_satp }, { "csr_mie", csr_mie },
    { "csr_mscratch", csr_mscratch }, { "mret", mret }, { "sret", sret }, { "sfence", sfence },
    { "wfi_yield", wfi_yield }, { "wfi_forever", wfi_forever },
    { "illegal", illegal }, { "breakpoint", breakpoint }, { "misaligned_amo", misaligned_amo },
    { "fp_use", fp_use }, { "bad_pointers", bad_pointers }, { "chan_ids", chan_ids },
    { "hcall_flood", hcall_flood }, { "sp_kernel", sp_kernel },
    { "tor_below", tor_below }, { "tor_above", tor_above }, { "notify_flood", notify_flood }, { "halter", halter },
};

int main(void)
{
    for (unsigned i = 0; i < sizeof attacks / sizeof attacks[0]; i++)
        if (strcmp(attacks[i].name, P3_PARTITION_NAME) == 0)
            return attacks[i].run();
    return breach("no attack by this name");
}
