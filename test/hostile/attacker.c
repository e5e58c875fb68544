/*
 * Every attacker of the hostile suite: each partition runs the attack named
 * after it. An attack that faults prints what it tries first ("attack ...");
 * one that is refused with error codes checks each of them and prints
 * "contained ...". Anything that gets through prints "BREACH ...".
 *
 * The host addresses below come from this system's memory plan (see
 * build/report.txt); test/integration/hostile.test.ts checks they still
 * name what these comments say.
 */
#include <phase3.h>
#include "attack.h"

#define PEER_RAM   0x80040000UL  /* host RAM of pong_a, a well-behaved partition */
#define HYP_ADDR   0x8001f000UL  /* the hypervisor's reserve, past an attacker's own 64K */
#define TABLES     0x802a8000UL  /* the G-stage page tables */
#define PRISTINE   0x803ae000UL  /* pristine copies of restartable images */
#define OWN_END    0x80010000UL  /* one byte past an attacker's 64K of guest RAM */
#define HALT_AFTER_MS 150         /* when halter halts the system: after everyone else */

#define SBI_HSM    0x48534d
#define SBI_DBCN   0x4442434e

extern char __stack_top[];       /* the stack's top: the read-only device tree page starts here */

static void spin_forever(void) __attribute__((noreturn));
static void spin_forever(void)
{
    __asm__ volatile("csrc sstatus, %0" :: "r"(2UL));   /* its own interrupts off: no help */
    for (;;)
        ;
}

/* --- memory ----------------------------------------------------------------- */

static int peer_read(void)
{
    say("read pong_a's RAM at its host-physical address");
    uint32_t v = load(PEER_RAM);
    return p3_printf("read %x\n", v), breach("read another partition's RAM");
}

static int peer_write(void)
{
    say("write pong_a's RAM at its host-physical address");
    store(PEER_RAM + 0x100, 0xbad);
    return breach("wrote another partition's RAM");
}

static int hyp_read(void)
{
    say("read the hypervisor's reserve");
    uint32_t v = load(HYP_ADDR);
    return p3_printf("read %x\n", v), breach("read the hypervisor's memory");
}

static int table_write(void)
{
    say("write the G-stage page tables");
    *(volatile uint64_t *)TABLES = 0xfffffffffffffc1fULL;
    return breach("wrote the page tables");
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
    say("write beyond the guest-physical address space");
    store(0xfffffffffffff000UL, 0);
    return breach("wrote beyond the address space");
}

/* Its own Sv39 tables, mapping virtual 0xc0000000 + x to guest-physical
 * 0x80000000 + x: the second stage still refuses what it does not grant. */
static uint64_t vs_root[512] __attribute__((aligned(4096)));

static int vs_paging(void)
{
    const uint64_t leaf = 0xcf;   /* V R W X A D */
    vs_root[2] = (0x80000000UL >> 12) << 10 | leaf;   /* itself, identity */
    vs_root[3] = (0x80000000UL >> 12) << 10 | leaf;   /* 0xc0000000 -> 0x80000000 */
    unsigned long satp = (8UL << 60) | ((uintptr_t)vs_root >> 12);
    __asm__ volatile("csrw satp, %0; sfence.vma" :: "r"(satp) : "memory");
    say("read pong_a's RAM through its own page tables");
    uint32_t v = load(0xc0000000UL + (PEER_RAM - 0x80000000UL));
    return p3_printf("read %x\n", v), breach("read another partition's RAM through VS paging");
}

static int jump_zero(void)
{
    void (*volatile to)(void) = 0;
    say("jump to address 0");
    to();
    return breach("ran at address 0");
}

static int dt_write(void)
{
    say("write its own read-only device tree");
    store((uintptr_t)__stack_top, 0);
    return breach("wrote its device tree");
}

static unsigned recurse(unsigned depth)
{
    volatile char frame[256];
    if (depth > 1000000)
        return 0;   /* far beyond any stack: the guard page comes first */
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
static int exec_data(void)
{
    uint32_t *region = p3_shm(P3_SHM_DATA, 0);
    region[0] = 0x00008067;   /* ret */
    __asm__ volatile("fence.i" ::: "memory");
    say("execute from a read-write (data) shared region");
    ((void (*)(void))region)();
    return breach("executed a data region");
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
static int exec_data(void) { return breach("no data region"); }
static int ro_write(void) { return breach("no data region"); }
#endif

/* --- devices -------------------------------------------------------------- */

static int uart_write(void)
{
    say("write the console UART");
    *(volatile uint8_t *)0x10000000 = 'X';
    return breach("wrote the UART");
}

static int plic_write(void)
{
    say("enable every interrupt in the PLIC");
    store(0x0c002080, 0xffffffff);
    return breach("wrote the PLIC");
}

static int clint_write(void)
{
    say("ring hart 1's doorbell in the CLINT");
    store(0x02000004, 1);
    return breach("wrote the CLINT");
}

static int finisher(void)
{
    say("end the run through the test finisher");
    store(0x100000, 0x5555);
    return breach("wrote the test finisher");
}

/* --- privileged state --------------------------------------------------------- */

static int csr_hgatp(void)
{
    say("write hgatp");
    __asm__ volatile("csrw 0x680, zero");
    return breach("wrote hgatp");
}

static int csr_hstatus(void)
{
    say("write hstatus");
    __asm__ volatile("csrw 0x600, zero");
    return breach("wrote hstatus");
}

static int csr_satp(void)
{
    say("point satp at a page table outside its memory");
    unsigned long satp = (8UL << 60) | (0x12345000UL >> 12);
    __asm__ volatile("csrw satp, %0; sfence.vma" :: "r"(satp) : "memory");
    return breach("ran with a page table outside its memory");
}

static int csr_pmp(void)
{
    say("open PMP (pmpaddr0, pmpcfg0)");
    __asm__ volatile("csrw 0x3b0, %0; csrw 0x3a0, %1" :: "r"(-1L), "r"(0x1fL));
    return breach("wrote PMP");
}

static int csr_medeleg(void)
{
    say("write medeleg");
    __asm__ volatile("csrw 0x302, zero");
    return breach("wrote medeleg");
}

static int hfence(void)
{
    say("hfence.gvma");
    __asm__ volatile(".4byte 0x62000073");
    return breach("ran hfence.gvma");
}

static void user_mode(void)
{
    __asm__ volatile("li a7, 0x08503300; li a6, 0; ecall");   /* a Phase3 call from VU-mode */
    for (;;)
        ;
}

static int vu_ecall(void)
{
    say("sret into its user mode and call the hypervisor from there");
    __asm__ volatile("csrw sepc, %0; li t0, 0x100; csrc sstatus, t0; sret" :: "r"(user_mode) : "t0");
    return breach("came back from user mode");
}

/* --- instructions ----------------------------------------------------------- */

static int illegal(void)
{
    say("an illegal instruction");
    __asm__ volatile("unimp");
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
    say("turn its FPU on and use it");
    __asm__ volatile("li t0, 0x6000; csrs sstatus, t0; .insn r 0x53, 0, 0x79, x1, x0, x0" ::: "t0");   /* fmv.d.x f1, zero */
    return breach("used the FPU");
}

/* --- calls: refused with errors ------------------------------------------------ */

#ifdef P3_CHAN_PROBE
/* Pointers and lengths outside what it may use: every one refused. */
static int bad_pointers(void)
{
    char buf[32] = { 0 };
    size_t length = 0;
    void *slot = 0;
    uintptr_t guard = (uintptr_t)__stack_top - 0x2000 - 0x1000;   /* below its 8K stack */

    expect(p3_write((void *)OWN_END, 16), P3_ERR_BAD_ADDRESS, "write from the hypervisor's host range");
    expect(p3_write((void *)HYP_ADDR, 16), P3_ERR_BAD_ADDRESS, "write from the hypervisor's reserve");
    expect(p3_write((void *)guard, 16), P3_ERR_BAD_ADDRESS, "write from its guard page");
    expect(p3_write((void *)0xfffffffffffffff0UL, 32), P3_ERR_BAD_ADDRESS, "write wrapping the address space");
    expect(p3_write(buf, 1UL << 63), P3_ERR_BAD_ADDRESS, "write of a huge length");
    expect(p3_write(buf, (size_t)-1), P3_ERR_BAD_ADDRESS, "write of length -1");
    expect(p3_write((void *)(OWN_END - 8), 16), P3_ERR_BAD_ADDRESS, "write running past the end of its RAM");
    expect(p3_write((void *)0x10000000, 1), P3_ERR_BAD_ADDRESS, "write from the UART");
    expect(p3_write((void *)TABLES, 8), P3_ERR_BAD_ADDRESS, "write from the page tables");
    expect(p3_send(P3_CHAN_PROBE_BACK, (void *)PEER_RAM, 16), P3_ERR_BAD_ADDRESS, "send from another partition's RAM");
    expect(p3_send(P3_CHAN_PROBE_BACK, (void *)-8L, 16), P3_ERR_BAD_ADDRESS, "send wrapping the address space");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)__stack_top, &slot), P3_ERR_BAD_ADDRESS, "peek storing into its device tree");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)(buf + 1), &slot), P3_ERR_BAD_ADDRESS, "peek storing misaligned");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)PEER_RAM, &slot), P3_ERR_BAD_ADDRESS, "peek storing into another partition");
    expect(sbi(SBI_DBCN, 0, 16, OWN_END, 0).error, -3, "SBI debug console write from the hypervisor's range");
    expect(sbi(SBI_DBCN, 1, 16, (uintptr_t)__stack_top, 0).error, -3, "SBI debug console read into its device tree");
    expect(sbi(4, 0, OWN_END, 0, 0).error, -5, "legacy SBI send_ipi with a hart mask in the hypervisor's range");
    expect(sbi(SBI_HSM, 0, 7, 0x80000000UL, 0).error, -3, "SBI HSM start of a hart it does not have");
    /* its own device is for itself: a call never makes the hypervisor touch it */
    expect(p3_write((void *)0x101001, 3), P3_ERR_BAD_ADDRESS, "write from its own device's registers");
    expect(p3_recv_peek(P3_CHAN_PROBE, (size_t *)0x101000, &slot), P3_ERR_BAD_ADDRESS, "peek storing into its own device");
    expect(sbi(SBI_DBCN, 0, 4, 0x101000, 0).error, -3, "SBI debug console write from its own device");

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
    expect(p3_recv(P3_CHAN_PROBE, __stack_top, 16), P3_ERR_BAD_ADDRESS, "receive into its device tree");
    expect(p3_recv(P3_CHAN_PROBE, (void *)OWN_END, 16), P3_ERR_BAD_ADDRESS, "receive into the hypervisor's host range");
    expect(p3_recv(P3_CHAN_PROBE, (void *)-8L, 16), P3_ERR_BAD_ADDRESS, "receive wrapping the address space");
    expect(p3_recv(P3_CHAN_PROBE, (void *)PEER_RAM, 16), P3_ERR_BAD_ADDRESS, "receive into another partition");
    expect(p3_recv(P3_CHAN_PROBE, (void *)0x101000, 16), P3_ERR_BAD_ADDRESS, "receive into its own device");
    expect(p3_recv(P3_CHAN_PROBE, buf, sizeof buf), 7, "then receive it properly");
    expect(memcmp(buf, "probe 2", 7), 0, "intact");
    return contained("bad_pointers");
}
#else
static int bad_pointers(void) { return breach("bad_pointers has no probe channel"); }
#endif

#ifdef P3_CHAN_PROBE_BACK
/* Channel ids it does not have, or the wrong end of one it has. */
static int chan_ids(void)
{
    channel_id_checks();
    return contained("chan_ids");
}
#else
static int chan_ids(void) { return breach("chan_ids has no probe channel"); }
#endif


/* Two vCPUs on two harts: both write to the console at once (its lines must
 * stay whole), then one exits while the other faults, at once. The partition
 * must end once: exited or stopped, never both. */
static volatile unsigned twin_ready, twin_done;
static const char twin_text[] = "twin writes a long line without a newline, from two harts at once, ";

static void twin_both(int second) __attribute__((noreturn));
static void twin_both(int second)
{
    __atomic_fetch_add(&twin_ready, 1, __ATOMIC_SEQ_CST);
    while (twin_ready < 2)
        ;
    for (int i = 0; i < 25; i++)
        p3_write(twin_text, sizeof twin_text - 1);
    __atomic_fetch_add(&twin_done, 1, __ATOMIC_SEQ_CST);
    while (twin_done < 2)
        ;
    if (second)
        store(0, 0);   /* a fault, reported at length while the first exits */
    p3_exit(0);
}

void twin_second(void) __attribute__((noreturn));
void twin_second(void)
{
    twin_both(1);
}

/* The second vCPU starts here: a stack of its own, then C. */
__asm__(".section .text\n"
        ".globl twin_entry\n"
        "twin_entry:\n"
        "    la sp, twin_stack_top\n"
        "    .option push\n    .option norelax\n    la gp, __global_pointer$\n    .option pop\n"
        "    j twin_second\n"
        ".section .bss\n.balign 16\n.space 2048\n"
        "twin_stack_top:\n"
        ".text\n");
extern char twin_entry[];

static int twin(void)
{
    say("two vCPUs write at once, then one exits as the other faults");
    expect(sbi(SBI_HSM, 0, 1, (uintptr_t)twin_entry, 0).error, 0, "start its second vCPU");
    twin_both(0);
}

#ifdef P3_SHM_DONE
/* Waits until both exchanges are done and every other attacker has had its
 * turn, then faults: its policy halts the whole system. */
static int halter(void)
{
    const volatile uint32_t *done = p3_shm(P3_SHM_DONE, 0);
    while (done[1] != 0xd0d0d0d0u || done[2] != 0xd0d0d0d0u || p3_now() < P3_MS(HALT_AFTER_MS))
        p3_wait(0, p3_now() + P3_MS(1));
    say("everyone else is done: write hgatp, under a halt policy");
    __asm__ volatile("csrw 0x680, zero");
    return breach("wrote hgatp");
}
#else
static int halter(void) { return breach("halter has no done region"); }
#endif

static int spinner(void)
{
    say("spin forever with its interrupts off");
    spin_forever();
}

/* --- dispatch ------------------------------------------------------------------- */

static const struct {
    const char *name;
    int (*run)(void);
} attacks[] = {
    { "spinner_rr", spinner }, { "budget_spinner", spinner },
    { "peer_read", peer_read }, { "peer_write", peer_write }, { "hyp_read", hyp_read },
    { "table_write", table_write }, { "pristine_write", pristine_write }, { "rom_read", rom_read },
    { "high_write", high_write }, { "vs_paging", vs_paging }, { "jump_zero", jump_zero },
    { "dt_write", dt_write }, { "stack_overflow", stack_overflow }, { "exec_data", exec_data },
    { "ro_write", ro_write }, { "uart_write", uart_write }, { "plic_write", plic_write },
    { "clint_write", clint_write }, { "finisher", finisher }, { "csr_hgatp", csr_hgatp },
    { "csr_hstatus", csr_hstatus }, { "csr_satp", csr_satp }, { "csr_pmp", csr_pmp },
    { "csr_medeleg", csr_medeleg }, { "hfence", hfence }, { "vu_ecall", vu_ecall },
    { "illegal", illegal }, { "breakpoint", breakpoint }, { "misaligned_amo", misaligned_amo },
    { "fp_use", fp_use }, { "bad_pointers", bad_pointers }, { "chan_ids", chan_ids },
    { "hcall_flood", hcall_flood }, { "notify_flood", notify_flood }, { "twin", twin },
    { "halter", halter },
};

int main(void)
{
    for (unsigned i = 0; i < sizeof attacks / sizeof attacks[0]; i++)
        if (strcmp(attacks[i].name, P3_PARTITION_NAME) == 0)
            return attacks[i].run();
    return breach("no attack by this name");
}
