/*
 * PMP entries (priv. spec 3.7), as the generator computed them for each
 * partition (spec/layout/pmp.ts): packed pmpcfg words and pmpaddr values.
 * CSR numbers are part of the instruction, so each entry has its own write;
 * only the entries the outgoing or the incoming partition uses are touched.
 * Entries never carry L, so none of this restricts the kernel in M-mode.
 */
#include <p3_config.h>
#include <arch/csr.h>
#include "pmp.h"

/* Entries in use on each hart: its last partition's pmp_used. */
static unsigned loaded[P3_NUM_HARTS];

#define PMPADDR_CASE(n) case n: csr_write(CSR_PMPADDR0 + n, value); break;

static void pmpaddr_write(unsigned index, unsigned long value)
{
    switch (index) {
    PMPADDR_CASE(0) PMPADDR_CASE(1) PMPADDR_CASE(2) PMPADDR_CASE(3)
    PMPADDR_CASE(4) PMPADDR_CASE(5) PMPADDR_CASE(6) PMPADDR_CASE(7)
    PMPADDR_CASE(8) PMPADDR_CASE(9) PMPADDR_CASE(10) PMPADDR_CASE(11)
    PMPADDR_CASE(12) PMPADDR_CASE(13) PMPADDR_CASE(14) PMPADDR_CASE(15)
    }
}

/* pmpcfg registers are numbered by 32-bit halves: RV64 has only the even ones. */
#define PMPCFG_CASE(n) case n: csr_write(CSR_PMPCFG0 + n * (__riscv_xlen / 32), value); break;

static void pmpcfg_write(unsigned index, unsigned long value)
{
    switch (index) {
    PMPCFG_CASE(0) PMPCFG_CASE(1)
#if __riscv_xlen == 32
    PMPCFG_CASE(2) PMPCFG_CASE(3)
#endif
    }
}

void pmp_load(unsigned hart, const struct arch_partition_config *config)
{
    unsigned used = config->pmp_used;
    unsigned touched = used > loaded[hart] ? used : loaded[hart];

    for (unsigned i = 0; i < used; i++)
        pmpaddr_write(i, config->pmpaddr[i]);
    /* the cfg words also turn off whatever the previous partition had above `used` */
    for (unsigned r = 0; r * PMP_ENTRIES_PER_CFG < touched; r++)
        pmpcfg_write(r, config->pmpcfg[r]);
    loaded[hart] = used;
#if P3_HAS_S
    /* A hart with paging may cache PMP checks with its translations (priv.
     * spec 3.7.2): fence them after a change. */
    __asm__ volatile("sfence.vma" ::: "memory");
#endif
}
