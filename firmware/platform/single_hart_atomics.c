/*
 * The __atomic operations on 32-bit words for a board whose harts lack the
 * A extension (NEORV32 v1.10.9 has at most Zaamo, which has no
 * compare-and-swap; the firmware is built without A for it). GCC turns the
 * kernel's __atomic builtins into calls to these functions there, as it
 * would call libatomic.
 *
 * They are plain loads and stores, and that is atomic here, not assumed:
 * the board has one hart, and the microkernel runs with mstatus.MIE = 0, so
 * nothing else runs between a load and its store. Apps use no atomics. A
 * build that breaks either condition is refused below.
 */
#include <stdbool.h>
#include <p3_config.h>

#if P3_NUM_HARTS != 1 || !P3_MODE_MICROKERNEL
#error "atomics without the A extension are only plain loads and stores on one hart whose kernel runs with interrupts off (microkernel mode)"
#endif

typedef unsigned int word;

word __atomic_exchange_4(volatile void *mem, word value, int model)
{
    volatile word *p = mem;
    word old = *p;

    (void)model;
    *p = value;
    return old;
}

bool __atomic_compare_exchange_4(volatile void *mem, void *expected, word desired, bool weak, int success, int failure)
{
    volatile word *p = mem;
    word *want = expected;
    word old = *p;

    (void)weak;
    (void)success;
    (void)failure;
    if (old == *want) {
        *p = desired;
        return true;
    }
    *want = old;
    return false;
}

#define FETCH_OP(name, op) \
    word __atomic_fetch_##name##_4(volatile void *mem, word value, int model) \
    { \
        volatile word *p = mem; \
        word old = *p; \
        (void)model; \
        *p = old op value; \
        return old; \
    } \
    word __atomic_##name##_fetch_4(volatile void *mem, word value, int model) \
    { \
        volatile word *p = mem; \
        word new_value = *p op value; \
        (void)model; \
        *p = new_value; \
        return new_value; \
    }

FETCH_OP(add, +)
FETCH_OP(sub, -)
FETCH_OP(and, &)
FETCH_OP(or, |)
FETCH_OP(xor, ^)
