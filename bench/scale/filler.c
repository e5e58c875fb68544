/*
 * filler: an idle partition. It waits with nothing to wake it but a deadline
 * long after the lead's measurements (virtual time jumps there once every
 * hart idles), then ends, so that the run ends.
 */
#include <phase3.h>

int main(void)
{
    p3_wait(0, p3_now() + P3_MS(500));
    return 0;
}
