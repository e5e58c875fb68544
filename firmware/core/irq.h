/*
 * Device interrupts: each line the spec grants goes to its owner's hart and
 * becomes a wait source of the owner (P3_IRQ_<DEVICE>); it stays pending,
 * masked at the controller, until the owner acknowledges it. The console's
 * receive line is the hypervisor's own: it feeds console input.
 */
#ifndef CORE_IRQ_H
#define CORE_IRQ_H

#include <stdint.h>

#define IRQ_ROUTE_CONSOLE 0xff

/* Generated: who takes each interrupt line. */
struct irq_route {
    uint16_t line;
    uint8_t hart;         /* the hart whose controller context takes it */
    uint8_t partition;    /* owner, or IRQ_ROUTE_CONSOLE */
    uint8_t source;       /* the owner's wait source id */
};

extern const struct irq_route p3_irq_routes[];

struct hart;
struct partition;

void irq_handle_external(struct hart *h);
int irq_ack(struct partition *p, unsigned source);

#endif /* CORE_IRQ_H */
