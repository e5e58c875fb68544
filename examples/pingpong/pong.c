/* pong: returns every ball it receives, with its hit count raised. */
#include <phase3.h>

struct ball {
    uint32_t round;
    uint32_t hits;
    uint8_t payload[56];
};

#define ROUNDS 1000

int main(void)
{
    struct ball ball;
    unsigned served = 0;

    while (served < ROUNDS) {
        long n = p3_recv(P3_CHAN_SERVE, &ball, sizeof ball);
        if (n == P3_ERR_AGAIN) {
            p3_wait(P3_MASK(P3_CHAN_SERVE), P3_FOREVER);
            continue;
        }
        for (unsigned i = 0; i < sizeof ball.payload; i++)
            if (ball.payload[i] != (uint8_t)(ball.round + i))
                return 3;
        ball.hits = ball.round + 1;
        while (p3_send(P3_CHAN_REPLY, &ball, sizeof ball) == P3_ERR_FULL)
            p3_yield();
        served++;
    }
    p3_printf("served %u balls\n", served);
    return 0;
}
