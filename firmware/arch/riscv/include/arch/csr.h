/*
 * Control and status registers: numbers, bit fields and one accessor per CSR.
 *
 * CSRs are named by number, not by mnemonic: GCC 12's assembler does not
 * know the hypervisor CSRs unless `h` is in -march, and GCC 12 rejects `h`
 * there. Numbers are from the RISC-V privileged specification (20211203),
 * chapter 2.2 (CSR listing) and chapter 8 (H extension).
 */
#ifndef ARCH_CSR_H
#define ARCH_CSR_H

/* Unprivileged counters */
#define CSR_CYCLE       0xc00
#define CSR_TIME        0xc01
#define CSR_INSTRET     0xc02

/* Supervisor */
#define CSR_SSTATUS     0x100
#define CSR_SIE         0x104
#define CSR_STVEC       0x105
#define CSR_SCOUNTEREN  0x106
#define CSR_SENVCFG     0x10a
#define CSR_SSCRATCH    0x140
#define CSR_SEPC        0x141
#define CSR_SCAUSE      0x142
#define CSR_STVAL       0x143
#define CSR_SIP         0x144
#define CSR_STIMECMP    0x14d   /* Sstc */
#define CSR_SATP        0x180

/* Virtual supervisor (the guest's S-mode CSRs, as HS sees them) */
#define CSR_VSSTATUS    0x200
#define CSR_VSIE        0x204
#define CSR_VSTVEC      0x205
#define CSR_VSSCRATCH   0x240
#define CSR_VSEPC       0x241
#define CSR_VSCAUSE     0x242
#define CSR_VSTVAL      0x243
#define CSR_VSIP        0x244
#define CSR_VSTIMECMP   0x24d   /* Sstc */
#define CSR_VSATP       0x280

/* Hypervisor */
#define CSR_HSTATUS     0x600
#define CSR_HEDELEG     0x602
#define CSR_HIDELEG     0x603
#define CSR_HIE         0x604
#define CSR_HTIMEDELTA  0x605
#define CSR_HCOUNTEREN  0x606
#define CSR_HGEIE       0x607
#define CSR_HENVCFG     0x60a
#define CSR_HTVAL       0x643
#define CSR_HIP         0x644
#define CSR_HVIP        0x645
#define CSR_HTINST      0x64a
#define CSR_HGATP       0x680

/* Machine */
#define CSR_MSTATUS     0x300
#define CSR_MISA        0x301
#define CSR_MEDELEG     0x302
#define CSR_MIDELEG     0x303
#define CSR_MIE         0x304
#define CSR_MTVEC       0x305
#define CSR_MCOUNTEREN  0x306
#define CSR_MENVCFG     0x30a
#define CSR_MSCRATCH    0x340
#define CSR_MEPC        0x341
#define CSR_MCAUSE      0x342
#define CSR_MTVAL       0x343
#define CSR_MIP         0x344
#define CSR_PMPCFG0     0x3a0   /* pmpcfg0..15 follow (RV64: even ones only) */
#define CSR_PMPADDR0    0x3b0   /* pmpaddr0..63 follow */
#define CSR_MHARTID     0xf14

/* mstatus / sstatus fields */
#define SSTATUS_SIE     (1UL << 1)
#define SSTATUS_SPIE    (1UL << 5)
#define SSTATUS_SPP     (1UL << 8)
#define SSTATUS_FS      (3UL << 13)
#define MSTATUS_MIE     (1UL << 3)
#define MSTATUS_MPIE    (1UL << 7)
#define MSTATUS_MPP_S   (1UL << 11)
#define MSTATUS_MPP     (3UL << 11)
#define MSTATUS_MPRV    (1UL << 17)
#define MSTATUS_TW      (1UL << 21)
#if __riscv_xlen == 64
#define MSTATUS_MPV     (1UL << 39)
#endif

/* mcounteren / scounteren / hcounteren: cycle, time, instret readable below */
#define COUNTEREN_CY_TM_IR 0x7

/* hstatus fields (priv. spec 8.2.1) */
#define HSTATUS_GVA     (1UL << 6)
#define HSTATUS_SPV     (1UL << 7)
#define HSTATUS_SPVP    (1UL << 8)
#define HSTATUS_HU      (1UL << 9)
#define HSTATUS_VTVM    (1UL << 20)
#define HSTATUS_VTW     (1UL << 21)
#define HSTATUS_VTSR    (1UL << 22)

/* menvcfg / henvcfg: STCE enables stimecmp / vstimecmp (Sstc) */
#define ENVCFG_STCE     (1UL << 63)

/* hgatp: Sv39x4 mode in bits 63:60 */
#define HGATP_MODE_SV39X4 (8UL << 60)

/* Interrupt numbers (bit positions in mip/sip/hip/hvip) */
#define IRQ_S_SOFT      1
#define IRQ_VS_SOFT     2
#define IRQ_M_SOFT      3
#define IRQ_S_TIMER     5
#define IRQ_VS_TIMER    6
#define IRQ_M_TIMER     7
#define IRQ_S_EXT       9
#define IRQ_VS_EXT      10
#define IRQ_M_EXT       11
#define IRQ_SG_EXT      12

/* Exception causes (priv. spec table 8.6) */
#define CAUSE_MISALIGNED_FETCH      0
#define CAUSE_FETCH_ACCESS          1
#define CAUSE_ILLEGAL_INSTRUCTION   2
#define CAUSE_BREAKPOINT            3
#define CAUSE_MISALIGNED_LOAD       4
#define CAUSE_LOAD_ACCESS           5
#define CAUSE_MISALIGNED_STORE      6
#define CAUSE_STORE_ACCESS          7
#define CAUSE_USER_ECALL            8
#define CAUSE_SUPERVISOR_ECALL      9
#define CAUSE_VIRTUAL_SUPERVISOR_ECALL 10
#define CAUSE_MACHINE_ECALL         11
#define CAUSE_FETCH_PAGE_FAULT      12
#define CAUSE_LOAD_PAGE_FAULT       13
#define CAUSE_STORE_PAGE_FAULT      15
#define CAUSE_FETCH_GUEST_PAGE_FAULT 20
#define CAUSE_LOAD_GUEST_PAGE_FAULT 21
#define CAUSE_VIRTUAL_INSTRUCTION   22
#define CAUSE_STORE_GUEST_PAGE_FAULT 23
#define CAUSE_COUNT                 24

#ifndef __ASSEMBLER__

#define P3_STRINGIFY_(x) #x
#define P3_STRINGIFY(x) P3_STRINGIFY_(x)

#define csr_read(csr) ({ unsigned long v_; __asm__ volatile("csrr %0, " P3_STRINGIFY(csr) : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile("csrw " P3_STRINGIFY(csr) ", %0" :: "rK"(val) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " P3_STRINGIFY(csr) ", %0" :: "rK"(bits) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " P3_STRINGIFY(csr) ", %0" :: "rK"(bits) : "memory")
#define csr_swap(csr, val) ({ unsigned long v_; __asm__ volatile("csrrw %0, " P3_STRINGIFY(csr) ", %1" : "=r"(v_) : "rK"(val) : "memory"); v_; })

/* One accessor per CSR, so call sites read as the register they touch. */
#define P3_CSR_ACCESSORS(name, number) \
    static inline unsigned long name##_read(void) { return csr_read(number); } \
    static inline void name##_write(unsigned long v) { csr_write(number, v); } \
    static inline void name##_set(unsigned long v) { csr_set(number, v); } \
    static inline void name##_clear(unsigned long v) { csr_clear(number, v); }

P3_CSR_ACCESSORS(sstatus, CSR_SSTATUS)
P3_CSR_ACCESSORS(sie, CSR_SIE)
P3_CSR_ACCESSORS(stvec, CSR_STVEC)
P3_CSR_ACCESSORS(sscratch, CSR_SSCRATCH)
P3_CSR_ACCESSORS(sepc, CSR_SEPC)
P3_CSR_ACCESSORS(scause, CSR_SCAUSE)
P3_CSR_ACCESSORS(stval, CSR_STVAL)
P3_CSR_ACCESSORS(sip, CSR_SIP)
P3_CSR_ACCESSORS(stimecmp, CSR_STIMECMP)
P3_CSR_ACCESSORS(satp, CSR_SATP)
P3_CSR_ACCESSORS(vsstatus, CSR_VSSTATUS)
P3_CSR_ACCESSORS(vsie, CSR_VSIE)
P3_CSR_ACCESSORS(vstvec, CSR_VSTVEC)
P3_CSR_ACCESSORS(vsscratch, CSR_VSSCRATCH)
P3_CSR_ACCESSORS(vsepc, CSR_VSEPC)
P3_CSR_ACCESSORS(vscause, CSR_VSCAUSE)
P3_CSR_ACCESSORS(vstval, CSR_VSTVAL)
P3_CSR_ACCESSORS(vsip, CSR_VSIP)
P3_CSR_ACCESSORS(vstimecmp, CSR_VSTIMECMP)
P3_CSR_ACCESSORS(vsatp, CSR_VSATP)
P3_CSR_ACCESSORS(hstatus, CSR_HSTATUS)
P3_CSR_ACCESSORS(hedeleg, CSR_HEDELEG)
P3_CSR_ACCESSORS(hideleg, CSR_HIDELEG)
P3_CSR_ACCESSORS(hie, CSR_HIE)
P3_CSR_ACCESSORS(htimedelta, CSR_HTIMEDELTA)
P3_CSR_ACCESSORS(hcounteren, CSR_HCOUNTEREN)
P3_CSR_ACCESSORS(henvcfg, CSR_HENVCFG)
P3_CSR_ACCESSORS(htval, CSR_HTVAL)
P3_CSR_ACCESSORS(hip, CSR_HIP)
P3_CSR_ACCESSORS(hvip, CSR_HVIP)
P3_CSR_ACCESSORS(htinst, CSR_HTINST)
P3_CSR_ACCESSORS(hgatp, CSR_HGATP)

P3_CSR_ACCESSORS(mstatus, CSR_MSTATUS)
P3_CSR_ACCESSORS(medeleg, CSR_MEDELEG)
P3_CSR_ACCESSORS(mideleg, CSR_MIDELEG)
P3_CSR_ACCESSORS(mie, CSR_MIE)
P3_CSR_ACCESSORS(mcounteren, CSR_MCOUNTEREN)
P3_CSR_ACCESSORS(scounteren, CSR_SCOUNTEREN)
P3_CSR_ACCESSORS(mip, CSR_MIP)

static inline unsigned long mhartid_read(void) { return csr_read(CSR_MHARTID); }
static inline unsigned long time_read(void) { return csr_read(CSR_TIME); }
static inline unsigned long cycle_read(void) { return csr_read(CSR_CYCLE); }

#endif /* __ASSEMBLER__ */
#endif /* ARCH_CSR_H */
