/* busy: keeps the hart busy at a lower priority than the RTC's owner, which
 * must preempt it for each alarm; stops once the owner is long done. */
#include <phase3.h>
#include "../common/bench.h"

#define UNTIL 40000000     /* instructions since reset: the owner needs about 11 million */

int main(void)
{
    while (bench_cycles() < UNTIL)
        ;
    return 0;
}
