/* The synthetic signal: every app computes it the same way. */
#include "signal.h"

int32_t signal_at(uint32_t seq)
{
    int32_t phase = (int32_t)(seq % 100);
    int32_t triangle = phase < 50 ? phase * 20 : (100 - phase) * 20;
    return triangle + (int32_t)((seq * 7919u) % 13u) - 6;
}

int32_t expected_average(uint32_t seq)
{
    int64_t sum = 0;
    uint32_t n = 0;
    for (uint32_t s = seq + 1 > WINDOW ? seq + 1 - WINDOW : 0; s <= seq; s++, n++)
        sum += signal_at(s);
    return (int32_t)(sum / n);
}
