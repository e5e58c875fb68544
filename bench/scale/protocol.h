/* What the scaling benchmark's lead and partner agree on. */
#ifndef SCALE_PROTOCOL_H
#define SCALE_PROTOCOL_H

#include <stdint.h>

#define SWITCHES 4000       /* yields each way */
#define ROUNDS 2000         /* message round trips */
#define ALARMS 100          /* device interrupts */

/* board[0]: which phase the lead is in */
enum phase { PHASE_START, PHASE_SWITCH, PHASE_MESSAGES };

struct message {
    uint64_t stop;          /* the last message: the partner stops */
    uint8_t payload[56];
};

#endif
