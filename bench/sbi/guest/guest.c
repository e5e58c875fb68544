/*
 * sbi-bench: what an operating system pays for SBI calls and its timer under
 * Phase3. Prints "bench <name> loop <n> <total> <empty> instructions" lines
 * through the SBI debug console (see bench/common/bench.h for the format).
 */
#include <stdint.h>

#define N 10000
#define EXT_BASE 0x10
#define EXT_TIME 0x54494d45
#define EXT_SRST 0x53525354
#define EXT_DBCN 0x4442434e
#define SSTATUS_SIE 2UL
#define SIE_STIE (1UL << 5)
#define TIMER_INTERRUPT (1UL << 63 | 5)

struct sbiret { long error; long value; };

static inline struct sbiret sbi(long eid, long fid, long a0)
{
    register long r0 __asm__("a0") = a0, r1 __asm__("a1");
    register long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "=r"(r1) : "r"(r6), "r"(r7) : "memory");
    return (struct sbiret){ r0, r1 };
}

volatile uint64_t taken_at, taken_cause;

static inline uint64_t cycles(void)
{
    uint64_t c;
    __asm__ volatile("csrr %0, cycle" : "=r"(c) :: "memory");
    return c;
}

static void print(const char *s, unsigned long n)
{
    register long r0 __asm__("a0") = (long)n, r1 __asm__("a1") = (long)s, r2 __asm__("a2") = 0;
    register long r6 __asm__("a6") = 0, r7 __asm__("a7") = EXT_DBCN;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
}

static char *put_text(char *at, const char *s)
{
    while (*s)
        *at++ = *s++;
    return at;
}

static char *put_number(char *at, uint64_t v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *at++ = digits[--n];
    return at;
}

static void report(const char *name, uint64_t n, uint64_t total, uint64_t empty)
{
    char line[160], *at = line;
    at = put_text(at, "bench ");
    at = put_text(at, name);
    at = put_text(at, " loop ");
    at = put_number(at, n);
    *at++ = ' ';
    at = put_number(at, total);
    *at++ = ' ';
    at = put_number(at, empty);
    at = put_text(at, " instructions\n");
    print(line, (unsigned long)(at - line));
}

#define PER_OP(name, body)                                  \
    do {                                                    \
        uint64_t t0 = cycles();                             \
        for (int i = 0; i < N; i++)                         \
            __asm__ volatile("" ::: "memory");              \
        uint64_t t1 = cycles();                             \
        for (int i = 0; i < N; i++) {                       \
            body;                                           \
            __asm__ volatile("" ::: "memory");              \
        }                                                   \
        uint64_t t2 = cycles();                             \
        report(name, N, t2 - t1, t1 - t0);                  \
    } while (0)

static int failures;

static void fail(const char *what)
{
    print("FAIL ", 5);
    unsigned long n = 0;
    while (what[n])
        n++;
    print(what, n);
    print("\n", 1);
    failures++;
}

/* n intervals between two back-to-back counter reads */
static uint64_t empty_intervals(int n)
{
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        uint64_t a, b;
        __asm__ volatile("csrr %0, cycle\n\tcsrr %1, cycle" : "=&r"(a), "=&r"(b));
        sum += b - a;
    }
    return sum;
}

/* From the SBI set_timer call for "now" to the first instruction of the
 * timer handler: the ecall, the hypervisor, and the interrupt's delivery. */
static void timer_through_sbi(void)
{
    uint64_t total = 0;
    for (int i = 0; i < N; i++) {
        uint64_t start;
        register long r0 __asm__("a0") = 0;
        register long r6 __asm__("a6") = 0, r7 __asm__("a7") = EXT_TIME;
        taken_at = 0;
        __asm__ volatile("csrs sstatus, %[sie]\n\t"
                         "csrr %[start], cycle\n\t"
                         "ecall\n\t"
                         "csrc sstatus, %[sie]"
                         : [start] "=&r"(start), "+r"(r0), "+r"(r6), "+r"(r7)
                         : [sie] "r"(SSTATUS_SIE)
                         : "memory", "a1", "t5", "t6");
        if (taken_cause != TIMER_INTERRUPT || !taken_at) {
            fail("set_timer(now) did not interrupt at once");
            return;
        }
        total += taken_at - start;
    }
    report("timer_sbi_to_handler", N, total, empty_intervals(N));
}

/* From the guest's own write of stimecmp (Sstc: vstimecmp) for "now" to the
 * first instruction of the timer handler: no hypervisor in the way. */
static void timer_through_stimecmp(void)
{
    uint64_t total = 0;
    for (int i = 0; i < N; i++) {
        uint64_t start;
        taken_at = 0;
        __asm__ volatile("csrs sstatus, %[sie]\n\t"
                         "csrr %[start], cycle\n\t"
                         "csrw 0x14d, zero\n\t"
                         "csrc sstatus, %[sie]"
                         : [start] "=&r"(start)
                         : [sie] "r"(SSTATUS_SIE)
                         : "memory", "t5", "t6");
        if (taken_cause != TIMER_INTERRUPT || !taken_at) {
            fail("writing stimecmp for now did not interrupt at once");
            return;
        }
        total += taken_at - start;
    }
    report("timer_stimecmp_to_handler", N, total, empty_intervals(N));
}

void guest_main(void)
{
    PER_OP("sbi_get_spec_version", sbi(EXT_BASE, 0, 0));
    PER_OP("sbi_set_timer", sbi(EXT_TIME, 0, -1));           /* far in the future: no interrupt */

    __asm__ volatile("csrs sie, %0" :: "r"(SIE_STIE));
    timer_through_sbi();
    timer_through_stimecmp();

    /* shutdown; reason "system failure" when a measurement went wrong */
    register long r0 __asm__("a0") = 0, r1 __asm__("a1") = failures ? 1 : 0;
    register long r6 __asm__("a6") = 0, r7 __asm__("a7") = EXT_SRST;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r6), "r"(r7) : "memory");
    for (;;)
        ;
}
