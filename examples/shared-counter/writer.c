/* writer: counts up to TARGET in the shared region. */
#include <phase3.h>
#include "counter.h"

int main(void)
{
    size_t size;
    struct counter *c = p3_shm(P3_SHM_COUNTER, &size);

    if (!c || size < sizeof *c)
        return 1;
    for (uint32_t i = 1; i <= TARGET; i++)
        c->value = i;
    c->done = 1;
    p3_printf("counted to %u in a %u-byte shared region\n", (unsigned)c->value, (unsigned)size);
    return 0;
}
