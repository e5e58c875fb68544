/*
 * Trace records on the console: see trace.h for the format. Compiled only
 * into the trace firmware (`make trace`).
 *
 * Why the console and not a buffer dumped at the end: the UART is the only
 * way out of the machine, and a run that is killed (a timeout, Ctrl-C, a
 * hang) is the one whose timeline matters most; records written as the run
 * goes survive all of them. What they cost is the printing, some tens of
 * instructions a character.
 *
 * So that the printing does not land inside what is measured, an event only
 * takes its timestamps and a few words into its hart's small queue; the
 * queue is printed when the hart is about to enter a vCPU or to idle (after
 * the timestamp that ends the trap), and at once for the rare events after
 * which the system may end (a fault, an exit). A trap's or a call's span is
 * then the hypervisor's own work; the printing shows at the start of the
 * window that follows it.
 */
#include <stdint.h>
#include <p3_config.h>
#include "arch.h"
#include "console.h"
#include "hypercall.h"
#include "irq.h"
#include "partition.h"
#include "sched.h"
#include "trace.h"

#define TRACE_VERSION 1
#define NONE 0xffff
#define TO_CONSOLE 0xfffe
#define QUEUE 16
#define MAX_FIELDS 4

struct event {
    char kind;
    unsigned char nfields;
    uint64_t time, cycle;
    uint64_t fields[MAX_FIELDS];
    const char *text;          /* a fault's cause: a string that lives forever */
};

/* Per hart: events not printed yet, and whether it last said it idles. */
static struct {
    unsigned queued;
    int idle;
    struct event queue[QUEUE];
} harts[P3_NUM_HARTS];

static uint64_t cycles_now(void)
{
#if __riscv_xlen == 32
    uint32_t hi, lo, again;
    do {
        __asm__ volatile("rdcycleh %0" : "=r"(hi));
        __asm__ volatile("rdcycle %0" : "=r"(lo));
        __asm__ volatile("rdcycleh %0" : "=r"(again));
    } while (hi != again);
    return (uint64_t)hi << 32 | lo;
#else
    uint64_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
#endif
}

/* --- printing ----------------------------------------------------------- */

struct line {
    unsigned len;
    char text[128];
};

static void put(struct line *l, char c)
{
    if (l->len < sizeof l->text - 2)   /* room for the line end */
        l->text[l->len++] = c;
}

static void put_hex(struct line *l, uint64_t value)
{
    char digits[16];
    unsigned n = 0;

    do {
        digits[n++] = "0123456789abcdef"[value & 15];
        value >>= 4;
    } while (value);
    put(l, ' ');
    while (n)
        put(l, digits[--n]);
}

/* Prints the hart's queue, one line per event. */
static void flush(unsigned hart)
{
    for (unsigned i = 0; i < harts[hart].queued; i++) {
        const struct event *e = &harts[hart].queue[i];
        struct line l;
        l.len = 0;
        put(&l, '\x1e');
        put(&l, e->kind);
        put_hex(&l, hart);
        put_hex(&l, e->time);
        put_hex(&l, e->cycle);
        for (unsigned f = 0; f < e->nfields; f++)
            put_hex(&l, e->fields[f]);
        if (e->text) {
            put(&l, ' ');
            for (const char *s = e->text; *s; s++)
                put(&l, *s);
        }
        l.text[l.len++] = '\r';
        l.text[l.len++] = '\n';
        console_write_record(l.text, l.len);
    }
    harts[hart].queued = 0;
}

/* --- recording ---------------------------------------------------------- */

/* Takes the time first, then a place in the hart's queue. */
static struct event *record(unsigned hart, char kind, unsigned nfields)
{
    uint64_t time = arch_time_now();
    uint64_t cycle = cycles_now();

    if (harts[hart].queued == QUEUE)
        flush(hart);   /* a long trap: its printing shows inside it */
    struct event *e = &harts[hart].queue[harts[hart].queued++];
    e->kind = kind;
    e->nfields = (unsigned char)nfields;
    e->time = time;
    e->cycle = cycle;
    e->text = 0;
    return e;
}

static unsigned vcpu_id(const struct vcpu *v)
{
    return v ? (unsigned)(v - p3_vcpus) : NONE;
}

void trace_boot(void)
{
    struct event *e = record(0, 'H', 2);

    e->fields[0] = TRACE_VERSION;
    e->fields[1] = P3_NUM_HARTS;
    flush(0);
}

void trace_trap(struct hart *h, struct vcpu *v, unsigned long cause)
{
    struct event *e;

    if ((long)cause < 0) {
        e = record(h->id, 'I', 2);
        e->fields[1] = cause & ~(1UL << (__riscv_xlen - 1));
    } else {
        e = record(h->id, 'X', 4);
        e->fields[1] = cause;
        e->fields[2] = v->regs.x[X_A7];   /* a call's extension and function */
        e->fields[3] = v->regs.x[X_A6];
    }
    e->fields[0] = vcpu_id(v);
}

void trace_resume(struct hart *h, struct vcpu *v)
{
    struct event *e = record(h->id, 'R', 1);

    e->fields[0] = vcpu_id(v);
    harts[h->id].idle = 0;
    flush(h->id);
}

void trace_idle(struct hart *h)
{
    if (harts[h->id].idle) {   /* still idle: print what happened meanwhile */
        flush(h->id);
        return;
    }
    record(h->id, 'W', 0);
    harts[h->id].idle = 1;
    flush(h->id);
}

void trace_irq(struct hart *h, unsigned line, const struct irq_route *route)
{
    struct event *e = record(h->id, 'Q', 2);

    e->fields[0] = line;
    e->fields[1] = !route ? NONE : route->partition == IRQ_ROUTE_CONSOLE ? TO_CONSOLE : route->partition;
}

void trace_fault(struct partition *p, struct vcpu *v, const struct fault *f)
{
    unsigned hart = hart_self()->id;
    struct event *e = record(hart, 'F', 2);

    e->fields[0] = p->config->id;
    e->fields[1] = vcpu_id(v);
    e->text = f->what;
    flush(hart);   /* a halt policy ends the system next */
}

void trace_restart(struct partition *p)
{
    unsigned hart = hart_self()->id;
    struct event *e = record(hart, 'N', 2);

    e->fields[0] = p->config->id;
    e->fields[1] = p->restarts;
}

void trace_done(struct partition *p)
{
    unsigned hart = hart_self()->id;
    struct event *e = record(hart, 'D', 3);

    e->fields[0] = p->config->id;
    e->fields[1] = p->state == PARTITION_EXITED ? 0 : 1;
    e->fields[2] = (uint32_t)p->exit_code;
    flush(hart);   /* the last one to stop ends the system next */
}

struct p3_ret trace_fast_call(p3_word a0, p3_word a1, p3_word a2, p3_word a3, p3_word a4,
                              struct vcpu *self, unsigned long fid)
{
    struct hart *h = hart_get(self->config->hart);
    struct event *e = record(h->id, 'C', 2);

    e->fields[0] = vcpu_id(self);
    e->fields[1] = fid;
    struct p3_ret ret = p3_fast_calls[fid](a0, a1, a2, a3, a4, self);
    if (ret.error != P3_BLOCK_MARKER)
        trace_resume(h, self);   /* back to the caller; a block ends in sched_next() */
    return ret;
}
