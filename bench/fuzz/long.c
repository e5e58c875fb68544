/* The hypercall fuzzer of test/hostile, ten times longer than in npm test. */
#define FUZZ_CALLS 1000000
#define FUZZ_BENCH 1
#include "../../test/hostile/fuzzer.c"
