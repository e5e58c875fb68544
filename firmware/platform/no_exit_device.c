/*
 * A board with no device that ends a run (every real board): the system's
 * status has been printed on the console ("all partitions have stopped:
 * system status N", which `phase3 run` reads), and the hart stops for good.
 */
#include "arch.h"
#include "platform.h"

void platform_exit(int status)
{
    (void)status;
    arch_halt_hart();
}
