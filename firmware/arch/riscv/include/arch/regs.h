/*
 * Where a trap saves a vCPU's registers: the layout the assembly in
 * trap.S and the C in vcpu.c share. x0 is never saved, so its slot holds the
 * pc (sepc) instead.
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#if __riscv_xlen == 64
#define REGBYTES 8
#define LOAD ld
#define STORE sd
#else
#define REGBYTES 4
#define LOAD lw
#define STORE sw
#endif

#define REG_PC       (0 * REGBYTES)
#define REG_RA       (1 * REGBYTES)
#define REG_SP       (2 * REGBYTES)
#define REG_GP       (3 * REGBYTES)
#define REG_TP       (4 * REGBYTES)
#define REG_T0       (5 * REGBYTES)
#define REG_T1       (6 * REGBYTES)
#define REG_A0       (10 * REGBYTES)
#define REG_A1       (11 * REGBYTES)
#define REG_A6       (16 * REGBYTES)
#define REG_A7       (17 * REGBYTES)
#define REG_X(n)     ((n) * REGBYTES)
#define REG_STATUS   (32 * REGBYTES)   /* sstatus at the trap: SPP says VS or VU */
#define REG_HSTATUS  (33 * REGBYTES)   /* hstatus at the trap (hypervisor mode) */
#define REG_HART_SP  (34 * REGBYTES)   /* stack top of the hart running this vCPU */
#define REGS_SIZE    (35 * REGBYTES)

/* Register numbers, for reading the saved array by name */
#define X_RA 1
#define X_SP 2
#define X_A0 10
#define X_A1 11
#define X_A2 12
#define X_A3 13
#define X_A4 14
#define X_A5 15
#define X_A6 16
#define X_A7 17

#ifndef __ASSEMBLER__
struct arch_regs {
    unsigned long x[32];     /* x[0] holds the pc */
    unsigned long status;
    unsigned long hstatus;
    unsigned long hart_sp;
};
_Static_assert(sizeof(struct arch_regs) == REGS_SIZE, "arch_regs layout must match REG_* offsets");
#endif

#endif /* ARCH_REGS_H */
