/* Keeps a message or two waiting for the fuzzer, so its receives and peeks
 * have something to copy, until the fuzzer says it is done. */
#include <phase3.h>

int main(void)
{
    const volatile uint32_t *fz_state = p3_shm(P3_SHM_FZ_STATE, 0);
    char msg[32];
    unsigned sent = 0;

    memset(msg, 'f', sizeof msg);
    while (fz_state[0] != 0xf0220d0eu) {   /* FUZZ_DONE */
        msg[0] = (char)sent;
        sent += p3_send(P3_CHAN_FEED, msg, 1 + sent % sizeof msg) == P3_OK;
        p3_wait(0, p3_now() + P3_US(20));
    }
    p3_printf("fed %u messages\n", sent);
    return 0;
}
