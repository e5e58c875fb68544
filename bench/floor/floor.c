/*
 * The bare-metal floor on QEMU virt: the cost of the hardware's own traps,
 * measured the way every Phase3 figure is (instructions retired under
 * -icount, a loop of many operations minus the empty loop). No hypervisor:
 * this file runs in M-mode and runs each measurement (start.S) in the mode
 * it concerns. Prints "bench <name> loop <n> <total> <empty> instructions"
 * lines on the UART for the harness (sim/bench).
 */
#include <stdint.h>
#include "../common/workload.h"

#define CSR_STR(x) #x
#define CSR_WRITE(csr, v) __asm__ volatile("csrw " CSR_STR(csr) ", %0" :: "r"((unsigned long)(v)))
#define CSR_SET(csr, v) __asm__ volatile("csrs " CSR_STR(csr) ", %0" :: "r"((unsigned long)(v)))

#define CSR_MENVCFG    0x30a
#define CSR_MCOUNTEREN 0x306
#define CSR_HCOUNTEREN 0x606
#define CSR_HENVCFG    0x60a
#define CSR_HIDELEG    0x603
#define CSR_HEDELEG    0x602
#define CSR_HGATP      0x680
#define CSR_VSTIMECMP  0x24d
#define CSR_STIMECMP   0x14d
#define vscause_csr    0x242

#define UART       ((volatile uint8_t *)0x10000000)
#define CLINT_MTIMECMP ((volatile uint64_t *)0x02004000)
#define PLIC       0x0c000000UL
#define RTC        ((volatile uint32_t *)0x00101000)
#define RTC_IRQ    11

struct result { uint64_t n, total, empty; };
struct result result;
volatile uint64_t irq_taken_at;

void run_stage(void (*entry)(void), unsigned long mpp, unsigned long mpv);
void stage_exit(void);
void stage_nops(void), stage_ecall(void), stage_vs_ecall(void), stage_vs_call(void), stage_vs_timer(void), stage_vs_ecall_timer(void);
extern char m_vector[], hs_vector[], hs_timer_vector[], hs_irq_vector[];

enum { MODE_U = 0, MODE_S = 1 };

static void putc(char c)
{
    while (!(UART[5] & 0x20))      /* LSR.THRE */
        ;
    UART[0] = (uint8_t)c;
}

static void puts(const char *s)
{
    while (*s)
        putc(*s++);
}

static void putu(uint64_t v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        putc(digits[--n]);
}

static void fail(const char *what)
{
    puts("FAIL ");
    puts(what);
    putc('\n');
    *(volatile uint32_t *)0x100000 = (1u << 16) | 0x3333;   /* QEMU's test finisher: fail */
    for (;;)
        ;
}

static unsigned long csr_scause(void) { unsigned long v; __asm__ volatile("csrr %0, scause" : "=r"(v)); return v; }
static unsigned long csr_vscause(void) { unsigned long v; __asm__ volatile("csrr %0, 0x242" : "=r"(v)); return v; }

static void report(const char *name)
{
    puts("bench ");
    puts(name);
    puts(" loop ");
    putu(result.n);
    putc(' ');
    putu(result.total);
    putc(' ');
    putu(result.empty);
    puts(" instructions\n");
}

static uint64_t cycles(void)
{
    uint64_t c;
    __asm__ volatile("csrr %0, cycle" : "=r"(c));
    return c;
}

/* --- the device-interrupt floor: QEMU's goldfish RTC to HS's handler ------ */

#define RTC_TIME_LOW 0
#define RTC_TIME_HIGH 1
#define RTC_ALARM_LOW 2
#define RTC_ALARM_HIGH 3
#define RTC_IRQ_ENABLED 4
#define RTC_CLEAR_INTERRUPT 7
#define IRQ_ROUNDS 100
#define IRQ_DELAY 20000            /* ns of the RTC = instructions: the hart is asleep by then */

void irq_service(void)
{
    volatile uint32_t *claim = (volatile uint32_t *)(PLIC + 0x201004);   /* context 1: hart 0, S */
    uint32_t line = *claim;
    RTC[RTC_CLEAR_INTERRUPT] = 1;
    *claim = line;
    __asm__ volatile("csrc sstatus, %0" :: "r"(1UL << 5));               /* SPIE: stay masked after sret */
}

/* In HS: arm the alarm, sleep, and time from the alarm's instant to the
 * handler's first instruction. With -rtc clock=vm the RTC counts QEMU's
 * virtual nanoseconds, which -icount shift=0 makes instructions, so the
 * alarm's instant is known on the cycle counter's own scale. */
static void stage_hs_irq(void)
{
    uint64_t total = 0, empty = 0;

    __asm__ volatile("csrw stvec, %0" :: "r"(hs_irq_vector));
    __asm__ volatile("csrs sie, %0" :: "r"(1UL << 9));                  /* SEIE */
    RTC[RTC_IRQ_ENABLED] = 1;
    for (int i = 0; i < IRQ_ROUNDS; i++) {
        uint64_t low, at, c0, c1;
        /* the RTC and the counter read back to back, and the counter twice
         * back to back: the RTC read's instant on the counter's scale */
        __asm__ volatile("csrr %1, cycle\n\tlw %0, 0(%3)\n\tcsrr %2, cycle"
                         : "=&r"(low), "=&r"(c0), "=&r"(c1) : "r"(RTC) : "memory");
        uint64_t now = (uint64_t)RTC[RTC_TIME_HIGH] << 32 | (uint32_t)low;
        uint64_t alarm = now + IRQ_DELAY;
        at = c1 - 1 + IRQ_DELAY;    /* what the counter reads when the alarm is due */
        (void)c0;
        irq_taken_at = 0;
        RTC[RTC_ALARM_HIGH] = (uint32_t)(alarm >> 32);
        RTC[RTC_ALARM_LOW] = (uint32_t)alarm;          /* arms it */
        __asm__ volatile("csrs sstatus, %0" :: "r"(2UL) : "memory");
        while (!irq_taken_at)
            __asm__ volatile("wfi" ::: "memory", "t5", "t6");
        total += irq_taken_at - at;
    }
    result = (struct result){ IRQ_ROUNDS, total, empty };
    stage_exit();
}

/* The RTC read, measured against the counter: c1 - c0 - 1 should be 1. */
static void rtc_check(void)
{
    uint64_t low, c0, c1, r0, r1;
    __asm__ volatile("csrr %1, cycle\n\tlw %0, 0(%3)\n\tcsrr %2, cycle"
                     : "=&r"(low), "=&r"(c0), "=&r"(c1) : "r"(RTC) : "memory");
    r0 = low;
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r1) : "r"(RTC) : "memory");
    puts("# rtc: counter ");
    putu(c1 - c0);
    puts(" around one read, two reads ");
    putu((uint32_t)(r1 - r0));
    puts(" ns apart\n");
}

static void puthex(uint32_t v)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        putc("0123456789abcdef"[(v >> shift) & 15]);
}

/* The workload in M-mode with no interrupt: its rate is the bare metal's. */
static void measure_workload(void)
{
    static uint8_t buf[WORKLOAD_BYTES];
    workload_fill(buf);
    uint64_t t0 = cycles();
    uint64_t t1 = cycles();
    uint32_t sum = workload_run(buf);
    uint64_t t2 = cycles();
    result = (struct result){ 1, t2 - t1, t1 - t0 };
    puts("# workload checksum ");
    puthex(sum);
    putc('\n');
}

void floor_main(void)
{
    CSR_WRITE(mtvec, (unsigned long)m_vector | 1);      /* vectored */
    *CLINT_MTIMECMP = -1ULL;
    CSR_WRITE(mie, 1UL << 7);                           /* MTIE: how stages return */
    CSR_WRITE(mcounteren, 7);
    CSR_WRITE(CSR_HCOUNTEREN, 7);
    CSR_WRITE(scounteren, 7);
    CSR_SET(CSR_MENVCFG, 1UL << 63);                    /* STCE */
    CSR_SET(CSR_HENVCFG, 1UL << 63);
    CSR_WRITE(pmpaddr0, -1UL);
    CSR_WRITE(pmpcfg0, 0x1f);                           /* NAPOT, RWX: all of memory */
    CSR_WRITE(medeleg, 1UL << 10);                      /* ecall from VS goes to HS */
    CSR_WRITE(mideleg, (1UL << 9));                     /* supervisor external to HS */
    CSR_WRITE(CSR_HEDELEG, 0);
    CSR_WRITE(CSR_HIDELEG, 1UL << 6);                   /* VS timer to VS */
    CSR_WRITE(CSR_HGATP, 0);                            /* VS sees physical memory */
    CSR_WRITE(CSR_VSTIMECMP, -1UL);
    CSR_WRITE(CSR_STIMECMP, -1UL);
    CSR_WRITE(stvec, hs_vector);

    run_stage(stage_nops, MODE_S, 0);
    report("calibration_4_nops");
    run_stage(stage_ecall, MODE_S, 0);
    report("s_ecall_roundtrip");
    run_stage(stage_ecall, MODE_U, 0);
    report("u_ecall_roundtrip");
    CSR_WRITE(scause, 0);
    run_stage(stage_vs_ecall, MODE_S, 1);
    if (csr_scause() != 10)
        fail("the VS stage's ecalls did not reach HS as ecalls from VS");
    report("vs_ecall_roundtrip");
    run_stage(stage_vs_call, MODE_S, 1);
    report("vs_ecall_roundtrip_as_called");
    run_stage(stage_vs_timer, MODE_S, 1);
    if (csr_vscause() != (1UL << 63 | 5))
        fail("the VS stage did not take its own timer interrupt");
    report("vs_timer_interrupt");
    CSR_WRITE(stvec, hs_timer_vector);
    CSR_WRITE(vscause_csr, 0);
    run_stage(stage_vs_ecall_timer, MODE_S, 1);
    if (csr_vscause() != (1UL << 63 | 5))
        fail("the VS stage did not take the timer interrupt its ecall made due");
    report("vs_ecall_timer_interrupt");
    CSR_WRITE(stvec, hs_vector);

    /* PLIC: the RTC's line at priority 1, enabled for hart 0's S context */
    *(volatile uint32_t *)(PLIC + 4 * RTC_IRQ) = 1;
    *(volatile uint32_t *)(PLIC + 0x2080) = 1u << RTC_IRQ;
    *(volatile uint32_t *)(PLIC + 0x201000) = 0;
    rtc_check();
    run_stage(stage_hs_irq, MODE_S, 0);
    if (csr_scause() != (1UL << 63 | 9))
        fail("the device interrupt did not reach HS as a supervisor external interrupt");
    report("hs_device_interrupt");
    measure_workload();
    report("workload_bare");

    puts("floor done\n");
    *(volatile uint32_t *)0x100000 = 0x5555;            /* QEMU's test finisher: pass */
    for (;;)
        ;
}
