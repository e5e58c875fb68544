/*
 * Time: the hardware counts timebase ticks (P3_TIMEBASE_HZ); partitions see
 * nanoseconds. Converted in two parts so that nothing overflows 64 bits for
 * any timebase up to 18 GHz and any time up to 584 years.
 */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>
#include <p3_config.h>

#define NS_PER_SECOND 1000000000ULL

static inline uint64_t ticks_to_ns(uint64_t ticks)
{
    return ticks / P3_TIMEBASE_HZ * NS_PER_SECOND + ticks % P3_TIMEBASE_HZ * NS_PER_SECOND / P3_TIMEBASE_HZ;
}

/* Rounds up, so a deadline in nanoseconds is never reached early. */
static inline uint64_t ns_to_ticks(uint64_t ns)
{
    uint64_t whole = ns / NS_PER_SECOND * P3_TIMEBASE_HZ;
    uint64_t part = ns % NS_PER_SECOND * P3_TIMEBASE_HZ;
    return whole + part / NS_PER_SECOND + (part % NS_PER_SECOND != 0);
}

#endif /* CORE_TIME_H */
