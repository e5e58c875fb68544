/* ping: prints a line that names itself and returns 0. */
#include <phase3.h>

int main(void)
{
    p3_printf("hello from %s, partition %d\n", P3_PARTITION_NAME, P3_PARTITION_ID);
    return 0;
}
