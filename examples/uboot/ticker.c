/* ticker: prints a line every 10ms for a while, beside the guest. */
#include <phase3.h>

int main(void)
{
    uint64_t next = p3_now();

    for (int tick = 1; tick <= 5; tick++) {
        next += P3_MS(10);
        p3_wait(0, next);
        p3_printf("tick %d\n", tick);
    }
    return 0;
}
