/* Device interrupt routing: see irq.h. */
#include <p3_abi.h>
#include <p3_config.h>
#include "console.h"
#include "irq.h"
#include "partition.h"
#include "platform.h"
#include "sched.h"
#include "trace.h"
#include "wait.h"

static const struct irq_route *route_of(unsigned line)
{
    for (unsigned i = 0; i < P3_NUM_IRQ_ROUTES; i++)
        if (p3_irq_routes[i].line == line)
            return &p3_irq_routes[i];
    return 0;
}

void irq_handle_external(struct hart *h)
{
    unsigned line;

    while ((line = platform_irq_claim(h->id)) != 0) {
        const struct irq_route *r = route_of(line);
        trace_irq(h, line, r);
        if (r && r->partition == IRQ_ROUTE_CONSOLE) {
            console_input_service();
            platform_irq_complete(h->id, line);
        } else if (r && partitions[r->partition].state == PARTITION_RUNNING) {
            /* completed when the owner acknowledges: until then it cannot fire again */
            wait_raise_irq(&partitions[r->partition], 1u << r->source);
        } else {
            platform_irq_complete(h->id, line);   /* no owner (any more): drop it */
        }
    }
}

int irq_ack(struct partition *p, unsigned source)
{
    if (source >= p->config->nsources || p->config->sources[source].kind != SOURCE_IRQ)
        return P3_ERR_INVALID;
    uint32_t bit = 1u << source;
    if (!(__atomic_fetch_and(&p->irq_pending, ~bit, __ATOMIC_ACQ_REL) & bit))
        return P3_OK;   /* not pending: nothing to complete */
    const struct irq_route *r = route_of(p->config->sources[source].index);
    if (r)
        platform_irq_complete(r->hart, r->line);
    return P3_OK;
}
