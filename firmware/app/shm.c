/* p3_shm: the shared regions this partition maps, from its generated table. */
#include <phase3.h>

void *p3_shm(unsigned id, size_t *size)
{
    if (id >= p3_shm_count)
        return 0;
    if (size)
        *size = p3_shm_regions[id].size;
    return p3_shm_regions[id].address;
}
