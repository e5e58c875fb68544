/*
 * Which privilege level takes a partition's traps, and through which CSRs.
 * Hypervisor mode: partitions run in VS-mode and trap to HS (s* CSRs, sret).
 * Microkernel mode: partitions run in U-mode and trap to M (m* CSRs, mret).
 * trap.S and trap.c are written once against these names.
 */
#ifndef ARCH_TRAP_CSRS_H
#define ARCH_TRAP_CSRS_H

#include <p3_config.h>
#include <arch/csr.h>

#if P3_MODE_HYPERVISOR
#define CSR_TSCRATCH  CSR_SSCRATCH
#define CSR_TCAUSE    CSR_SCAUSE
#define CSR_TEPC      CSR_SEPC
#define CSR_TSTATUS   CSR_SSTATUS
#define CSR_TVAL      CSR_STVAL
#define CSR_TIP       CSR_SIP
#define TRAP_RETURN   sret
#define CAUSE_PARTITION_ECALL CAUSE_VIRTUAL_SUPERVISOR_ECALL
#define IRQ_SOFT      IRQ_S_SOFT
#define IRQ_TIMER     IRQ_S_TIMER
#define IRQ_EXT       IRQ_S_EXT
#else
#define CSR_TSCRATCH  CSR_MSCRATCH
#define CSR_TCAUSE    CSR_MCAUSE
#define CSR_TEPC      CSR_MEPC
#define CSR_TSTATUS   CSR_MSTATUS
#define CSR_TVAL      CSR_MTVAL
#define CSR_TIP       CSR_MIP
#define TRAP_RETURN   mret
#define CAUSE_PARTITION_ECALL CAUSE_USER_ECALL
#define IRQ_SOFT      IRQ_M_SOFT
#define IRQ_TIMER     IRQ_M_TIMER
#define IRQ_EXT       IRQ_M_EXT
#endif

/* Boards whose interrupt controller raises another hart interrupt than the
 * external one (NEORV32's XIRQ: fast interrupt 8, cause 24) name it. */
#ifdef P3_CONTROLLER_IRQ
#undef IRQ_EXT
#define IRQ_EXT       P3_CONTROLLER_IRQ
#endif

#ifndef __ASSEMBLER__
static inline unsigned long trap_cause_read(void) { return csr_read(CSR_TCAUSE); }
static inline unsigned long trap_epc_read(void) { return csr_read(CSR_TEPC); }
static inline unsigned long trap_value_read(void) { return csr_read(CSR_TVAL); }
static inline unsigned long trap_pending_read(void) { return csr_read(CSR_TIP); }
#endif

#endif /* ARCH_TRAP_CSRS_H */
