/*
 * Trap-and-emulate MMIO for guests. A load or store to an unmapped page that
 * a virtual device claims arrives as a guest-page fault; QEMU 7.2 leaves
 * htinst at 0, so the faulting instruction is read from guest memory (through
 * the guest's own page tables) and decoded here: the base loads and stores
 * and their compressed forms. Returns 0 when it emulated the access.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include <arch/guest.h>
#include "mmio.h"
#include "partition.h"
#include "vuart.h"

struct access {
    int store;
    unsigned width;         /* bytes */
    int is_signed;
    unsigned reg;           /* rd for a load, rs2 for a store */
    unsigned length;        /* of the instruction: 2 or 4 */
};

static int fetch_half(const struct vcpu *v, uintptr_t pc, uint16_t *half)
{
    uintptr_t gpa;
    const uint16_t *p;

    if (arch_guest_translate(v, pc, PERM_X, &gpa) != 0 || !(p = guest_range(v->partition, gpa, 2, PERM_X)))
        return -1;
    *half = *p;
    return 0;
}

static int decode(uint32_t insn, struct access *a)
{
    if ((insn & 3) != 3) {                           /* compressed: C.LW C.LD C.SW C.SD */
        unsigned funct3 = (insn >> 13) & 7, reg = 8 + ((insn >> 2) & 7);
        a->length = 2;
        a->reg = reg;
        a->is_signed = 1;
        switch (funct3) {
        case 2: a->store = 0; a->width = 4; return 0;
        case 6: a->store = 1; a->width = 4; return 0;
#if __riscv_xlen == 64
        case 3: a->store = 0; a->width = 8; return 0;
        case 7: a->store = 1; a->width = 8; return 0;
#endif
        default: return -1;
        }
    }
    unsigned opcode = insn & 0x7f, funct3 = (insn >> 12) & 7;
    a->length = 4;
    a->width = 1u << (funct3 & 3);
    a->is_signed = !(funct3 & 4);
    if (opcode == 0x03) {                            /* LB LH LW LD LBU LHU LWU */
        a->store = 0;
        a->reg = (insn >> 7) & 0x1f;
        return funct3 == 7 ? -1 : 0;
    }
    if (opcode == 0x23 && funct3 < 4) {              /* SB SH SW SD */
        a->store = 1;
        a->reg = (insn >> 20) & 0x1f;
        return 0;
    }
    return -1;
}

static uint64_t extend(uint64_t value, const struct access *a)
{
    unsigned bits = a->width * 8;
    if (bits >= 64)
        return value;
    value &= (1ULL << bits) - 1;
    if (a->is_signed && (value >> (bits - 1)) & 1)
        value |= ~0ULL << bits;
    return value;
}

int mmio_emulate(struct vcpu *v, uintptr_t gpa)
{
    struct partition *p = v->partition;
    unsigned long *x = v->regs.x;
    uint16_t low, high = 0;
    struct access a;

    if (p->config->kind != PARTITION_GUEST || gpa < P3_CONSOLE_BASE || gpa >= P3_CONSOLE_BASE + 8)
        return -1;                                   /* no virtual device there */
    if (fetch_half(v, x[0], &low) != 0 || ((low & 3) == 3 && fetch_half(v, x[0] + 2, &high) != 0))
        return -1;
    if (decode((uint32_t)high << 16 | low, &a) != 0 || a.width != 1)
        return -1;                                   /* the 16550's registers are bytes */
    unsigned offset = (unsigned)(gpa - P3_CONSOLE_BASE);
    if (a.store) {
        vuart_write(p, offset, a.reg ? x[a.reg] : 0);
    } else {
        uint64_t value = extend(vuart_read(p, offset), &a);
        if (a.reg)
            x[a.reg] = (unsigned long)value;
    }
    x[0] += a.length;
    return 0;
}
