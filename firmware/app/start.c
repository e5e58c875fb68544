/* The library owns the entry point: main's return value is the exit code. */
#include <phase3.h>

void p3_start(void) __attribute__((noreturn));

void p3_start(void)
{
    p3_exit(main());
}
