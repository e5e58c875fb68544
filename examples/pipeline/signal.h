/* The pipeline's synthetic signal and message formats, shared by its apps. */
#ifndef PIPELINE_SIGNAL_H
#define PIPELINE_SIGNAL_H

#include <stdint.h>

#define SAMPLES 400          /* how many the sensor takes */
#define WINDOW 4             /* the filter averages this many */

struct sample {
    uint32_t seq;            /* 0, 1, 2, ... */
    int32_t value;
    uint64_t taken_ns;       /* p3_now() when sampled */
};

struct event {
    uint32_t seq;            /* the newest sample's seq */
    int32_t average;         /* of the last WINDOW samples (fewer at the start) */
};

/* The signal: a triangle wave with a deterministic ripple. */
int32_t signal_at(uint32_t seq);

/* What the filter must output for sample `seq`. */
int32_t expected_average(uint32_t seq);

#endif
