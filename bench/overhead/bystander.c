/* bystander: an idle partition that shares the worker's hart, waiting until the worker is done. */
#include <phase3.h>

int main(void)
{
    while (!(p3_wait(P3_MASK(P3_CHAN_DONE), P3_FOREVER) & P3_MASK(P3_CHAN_DONE)))
        ;
    return 0;
}
