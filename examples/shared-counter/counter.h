/* The layout of the shared region. */
#ifndef COUNTER_H
#define COUNTER_H

#include <stdint.h>

#define TARGET 100000

struct counter {
    volatile uint32_t value;
    volatile uint32_t done;
};

#endif
