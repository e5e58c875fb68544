/* partner: yields back to the lead, then answers its messages until told to stop. */
#include <phase3.h>
#include "protocol.h"

int main(void)
{
    volatile uint32_t *phase = p3_shm(P3_SHM_BOARD, 0);
    struct message m;

    while (phase[0] != PHASE_MESSAGES)
        p3_yield();
    for (;;) {
        while (p3_recv(P3_CHAN_THERE, &m, sizeof m) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_THERE), P3_FOREVER);
        if (m.stop)
            return 0;
        p3_send(P3_CHAN_BACK, &m, sizeof m);
    }
}
