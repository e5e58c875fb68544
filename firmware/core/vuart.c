/* The virtual 16550: see vuart.h. Registers at a spacing of one byte. */
#include <p3_config.h>
#include "console.h"
#include "partition.h"
#include "vuart.h"

#define THR_RBR_DLL 0
#define IER_DLM     1
#define IIR_FCR     2
#define LCR         3
#define MCR         4
#define LSR         5
#define MSR         6
#define SCR         7

#define LCR_DLAB        0x80
#define LSR_DATA_READY  0x01
#define LSR_TX_EMPTY    0x60   /* THRE and TEMT: the virtual line is always free */
#define IIR_NONE_FIFO   0xc1   /* no interrupt pending, FIFOs on */
#define MSR_LINES_UP    0xb0   /* DCD, DSR, CTS */

static int owns_input(const struct partition *p)
{
    return (int)p->config->id == P3_CONSOLE_OWNER;
}

void vuart_write(struct partition *p, unsigned offset, uint64_t value)
{
    struct vuart *u = &p->vuart;
    uint8_t byte = (uint8_t)value;

    switch (offset) {
    case THR_RBR_DLL:
        if (u->lcr & LCR_DLAB) {
            u->dll = byte;
        } else {
            char c = (char)byte;
            console_partition_write(p, &c, 1);
            u->idle_polls = 0;
        }
        break;
    case IER_DLM:
        if (u->lcr & LCR_DLAB)
            u->dlm = byte;
        else
            u->ier = byte & 0x0f;
        break;
    case LCR: u->lcr = byte; break;
    case MCR: u->mcr = byte & 0x1f; break;
    case SCR: u->scr = byte; break;
    default: break;                                  /* FCR, and read-only registers */
    }
}

uint64_t vuart_read(struct partition *p, unsigned offset)
{
    struct vuart *u = &p->vuart;
    char c;

    switch (offset) {
    case THR_RBR_DLL:
        if (u->lcr & LCR_DLAB)
            return u->dll;
        return owns_input(p) && console_input_read(&c, 1) ? (uint8_t)c : 0;
    case IER_DLM:
        return u->lcr & LCR_DLAB ? u->dlm : u->ier;
    case IIR_FCR: return IIR_NONE_FIFO;
    case LCR: return u->lcr;
    case MCR: return u->mcr;
    case LSR:
        if (owns_input(p) && console_input_waiting())
            return LSR_TX_EMPTY | LSR_DATA_READY;
        /* Polled twice with nothing written in between: it waits for input,
         * so show the prompt it left without a newline. */
        if (++u->idle_polls == 2)
            console_partition_flush(p);
        return LSR_TX_EMPTY;
    case MSR: return MSR_LINES_UP;
    case SCR: return u->scr;
    default: return 0;
    }
}
