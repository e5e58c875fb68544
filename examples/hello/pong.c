/* pong: prints a line that names itself and returns 0. */
#include <phase3.h>

int main(void)
{
    p3_puts("hello from " P3_PARTITION_NAME);
    return 0;
}
