/* partner: yields until the caller is done, so every yield switches partitions. */
#include <phase3.h>

int main(void)
{
    volatile uint32_t *flag = p3_shm(P3_SHM_BOARD, 0);

    while (flag[0] != 2)
        p3_yield();
    return 0;
}
