/*
 * A virtual 16550 UART for unmodified guests, at the board console's address
 * in the guest's view. The real UART stays the hypervisor's: what a guest
 * writes becomes its attributed console lines, and what it reads comes from
 * console input if the spec gives it that. The page is not mapped, so every
 * access traps and comes here (see arch/riscv/hyp/mmio.c).
 */
#ifndef CORE_VUART_H
#define CORE_VUART_H

#include <stdint.h>

struct vuart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    uint8_t idle_polls;     /* status reads with nothing to read, since the last write */
};

struct partition;

/* An access of `width` bytes at register `offset`; reads return the value. */
void vuart_write(struct partition *p, unsigned offset, uint64_t value);
uint64_t vuart_read(struct partition *p, unsigned offset);

#endif /* CORE_VUART_H */
