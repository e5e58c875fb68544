/* reader: watches the count climb, then shows that it cannot write it. */
#include <phase3.h>
#include "counter.h"

int main(void)
{
    const struct counter *c = p3_shm(P3_SHM_COUNTER, 0);
    uint32_t last = 0, changes = 0;

    while (!c->done) {
        uint32_t now = c->value;
        if (now < last) {
            p3_printf("the count went backwards: %u after %u\n", now, last);
            return 1;
        }
        changes += now != last;
        last = now;
        p3_yield();
    }
    p3_printf("saw the count reach %u (%u changes observed), never backwards\n", (unsigned)c->value, changes);
    p3_puts("now writing the read-only counter: this must fault");
    ((struct counter *)c)->value = 0;
    p3_puts("the write went through!");
    return 2;
}
