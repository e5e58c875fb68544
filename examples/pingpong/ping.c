/* ping: sends ROUNDS messages and checks that each comes back changed by pong. */
#include <phase3.h>

#define ROUNDS 1000

struct ball {
    uint32_t round;
    uint32_t hits;
    uint8_t payload[56];
};

int main(void)
{
    struct ball ball;

    for (uint32_t round = 0; round < ROUNDS; round++) {
        memset(&ball, 0, sizeof ball);
        ball.round = round;
        for (unsigned i = 0; i < sizeof ball.payload; i++)
            ball.payload[i] = (uint8_t)(round + i);
        int r = p3_send(P3_CHAN_SERVE, &ball, sizeof ball);
        if (r != P3_OK) {
            p3_printf("send failed in round %u: %d\n", round, r);
            return 1;
        }
        long n;
        while ((n = p3_recv(P3_CHAN_REPLY, &ball, sizeof ball)) == P3_ERR_AGAIN)
            p3_wait(P3_MASK(P3_CHAN_REPLY), P3_FOREVER);
        if (n != sizeof ball || ball.round != round || ball.hits != round + 1) {
            p3_printf("bad reply in round %u: length %ld, round %u, hits %u\n", round, n, ball.round, ball.hits);
            return 2;
        }
    }
    p3_printf("%u rounds, every reply intact\n", ROUNDS);
    return 0;
}
