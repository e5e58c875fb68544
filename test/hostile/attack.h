/*
 * What every attacker of the hostile suites shares (attacker.c for
 * hypervisor mode, microkernel/attacker.c for microkernel mode): the lines
 * the tests read ("attack ...", "BREACH ...", "contained ..."), raw loads and
 * stores, a non-Phase3 ecall, and the checks of calls refused with an error.
 */
#ifndef HOSTILE_ATTACK_H
#define HOSTILE_ATTACK_H

#include <phase3.h>

/* Says what an attack that will fault tries, before it does. */
static inline void say(const char *what)
{
    p3_printf("attack: %s\n", what);
}

/* Something got through: the tests fail on this line. */
static inline int breach(const char *what)
{
    p3_printf("BREACH %s\n", what);
    return 99;
}

static inline uint32_t load(uintptr_t at)
{
    return *(volatile uint32_t *)at;
}

static inline void store(uintptr_t at, uint32_t value)
{
    *(volatile uint32_t *)at = value;
}

/* An ecall that is not a Phase3 call: SBI, answered in hypervisor mode, refused in microkernel mode. */
static inline struct p3_result sbi(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    return (struct p3_result){ (long)r0, r1 };
}

/* Calls refused with error codes: each expect() is one check. */
static int checks, failures;

static inline void expect(long got, long want, const char *what)
{
    checks++;
    if (got != want) {
        failures++;
        p3_printf("BREACH %s: %ld, not %ld\n", what, got, want);
    }
}

static inline int contained(const char *what)
{
    p3_printf("contained %s: %d checks, %d failed\n", what, checks, failures);
    return failures ? 99 : 0;
}

#endif /* HOSTILE_ATTACK_H */
