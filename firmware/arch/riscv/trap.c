/*
 * What a trap from a partition means: cause → handler tables. Exceptions are
 * the partition's calls and faults; interrupts are the firmware's own
 * (timer, IPI, devices). Every handler ends in the scheduler choosing what
 * runs next. Hypervisor mode adds what unmodified guests need: SBI, emulated
 * MMIO, and a guest's wfi.
 */
#include <p3_config.h>
#include <p3_abi.h>
#include <arch/csr.h>
#include <arch/trap_csrs.h>
#include "arch.h"
#include "console.h"
#include "hypercall.h"
#include "irq.h"
#include "partition.h"
#include "platform.h"
#include "sched.h"
#include "trace.h"
#if P3_MODE_HYPERVISOR
#include <arch/guest.h>
#include "hyp/mmio.h"
#include "hyp/sbi/sbi.h"
#endif

#define INSN_WFI 0x10500073u

typedef void exception_handler(struct vcpu *v, unsigned long cause);
typedef void interrupt_handler(struct hart *h);

static const char *const cause_names[CAUSE_COUNT] = {
    [CAUSE_MISALIGNED_FETCH] = "misaligned instruction fetch",
    [CAUSE_FETCH_ACCESS] = "instruction access fault",
    [CAUSE_ILLEGAL_INSTRUCTION] = "illegal instruction",
    [CAUSE_BREAKPOINT] = "breakpoint",
    [CAUSE_MISALIGNED_LOAD] = "misaligned load",
    [CAUSE_LOAD_ACCESS] = "load access fault",
    [CAUSE_MISALIGNED_STORE] = "misaligned store",
    [CAUSE_STORE_ACCESS] = "store access fault",
    [CAUSE_USER_ECALL] = "ecall from U-mode",
    [CAUSE_SUPERVISOR_ECALL] = "ecall from HS-mode",
    [CAUSE_VIRTUAL_SUPERVISOR_ECALL] = "ecall from VS-mode",
    [CAUSE_MACHINE_ECALL] = "ecall from M-mode",
    [CAUSE_FETCH_PAGE_FAULT] = "instruction page fault",
    [CAUSE_LOAD_PAGE_FAULT] = "load page fault",
    [CAUSE_STORE_PAGE_FAULT] = "store page fault",
    [CAUSE_FETCH_GUEST_PAGE_FAULT] = "instruction guest-page fault",
    [CAUSE_LOAD_GUEST_PAGE_FAULT] = "load guest-page fault",
    [CAUSE_VIRTUAL_INSTRUCTION] = "virtual instruction",
    [CAUSE_STORE_GUEST_PAGE_FAULT] = "store guest-page fault",
};

/* The guest-physical address behind a faulting address, through the
 * partition's own translation (hypervisor mode). A U-mode app's addresses
 * are physical already: nothing more to say. */
static int guest_physical(const struct vcpu *v, uintptr_t addr, unsigned access, uintptr_t *out)
{
#if P3_MODE_HYPERVISOR
    return arch_guest_translate(v, addr, access, out) == 0;
#else
    (void)v, (void)addr, (void)access, (void)out;
    return 0;
#endif
}

/* Anything the guest did that it may not: its fault policy decides. */
static void guest_fault(struct vcpu *v, unsigned long cause)
{
    struct fault f = {
        .cause = cause,
        .what = cause < CAUSE_COUNT && cause_names[cause] ? cause_names[cause] : "unknown exception",
        .pc = v->regs.x[0],
        .addr = trap_value_read(),
    };
    switch (cause) {
#if P3_MODE_HYPERVISOR
    case CAUSE_FETCH_GUEST_PAGE_FAULT:
    case CAUSE_LOAD_GUEST_PAGE_FAULT:
    case CAUSE_STORE_GUEST_PAGE_FAULT:
        /* htval holds the guest-physical address shifted right by 2. Its
         * low bits are the address's own when the guest runs untranslated;
         * with its paging on, the fault may be its page-table walk's. */
        f.guest_phys = htval_read() << 2;
        if (!arch_vcpu_paging(v))
            f.guest_phys |= f.addr & 3;
        f.has_guest_phys = 1;
        f.has_addr = 1;
        break;
#endif
    case CAUSE_MISALIGNED_FETCH: case CAUSE_FETCH_ACCESS:
    case CAUSE_FETCH_PAGE_FAULT:
        f.has_addr = 1;
        f.has_guest_phys = guest_physical(v, f.addr, PERM_X, &f.guest_phys);
        break;
    case CAUSE_MISALIGNED_LOAD: case CAUSE_LOAD_ACCESS: case CAUSE_LOAD_PAGE_FAULT:
        f.has_addr = 1;
        f.has_guest_phys = guest_physical(v, f.addr, PERM_R, &f.guest_phys);
        break;
    case CAUSE_MISALIGNED_STORE: case CAUSE_STORE_ACCESS: case CAUSE_STORE_PAGE_FAULT:
        /* a guest-physical address where the guest's own tables still give
         * one (an access or misalignment fault); none for its page faults */
        f.has_addr = 1;
        f.has_guest_phys = guest_physical(v, f.addr, PERM_W, &f.guest_phys);
        break;
    case CAUSE_ILLEGAL_INSTRUCTION:
    case CAUSE_VIRTUAL_INSTRUCTION:
        /* stval holds the instruction's bits (0 where the hart does not say) */
        f.insn = f.addr;
        f.has_insn = f.insn != 0;
        f.addr = 0;
        break;
    default:
        f.addr = 0;
        break;
    }
    partition_fault(v->partition, v, &f);
}

static void partition_ecall(struct vcpu *v, unsigned long cause)
{
    unsigned long *x = v->regs.x;
    long error;
    unsigned long value;

    (void)cause;
    x[0] += 4;                                     /* return past the ecall */
    if (x[X_A7] == P3_EXTENSION_ID) {
        struct p3_ret r = hypercall_dispatch(v, x[X_A6], &x[X_A0]);
        error = r.error;
        value = r.value;
    } else {
#if P3_MODE_HYPERVISOR
        struct sbiret r = sbi_dispatch(v, x[X_A7], x[X_A6], &x[X_A0]);
        error = r.error;
        value = r.value;
#else
        error = P3_ERR_NOT_SUPPORTED;   /* no SBI below a microkernel */
        value = 0;
#endif
    }
    if (error == P3_BLOCK_MARKER)
        sched_block(v, WAIT_SOURCES, v->wait_mask, v->wait_deadline);
    /* a call that stopped, blocked or restarted its caller has nothing to return yet */
    else if (v->state == VCPU_RUNNABLE)
        arch_vcpu_set_result(v, error, value);
}

#if P3_MODE_HYPERVISOR
/* hstatus.VTW makes a guest's wfi trap here: the guest has nothing to do
 * until an interrupt, so its hart goes to another partition. An app's wfi is
 * a yield; a guest's sleeps until one of its virtual interrupts is pending. */
static void guest_virtual_instruction(struct vcpu *v, unsigned long cause)
{
    if ((trap_value_read() & 0xffffffffu) == INSN_WFI) {
        v->regs.x[0] += 4;
        if (v->partition->config->kind == PARTITION_GUEST && !arch_vcpu_interrupt_pending(v))
            sched_block(v, WAIT_INTERRUPT, 0, NO_DEADLINE);
        else
            sched_yield(hart_get(v->config->hart));
        return;
    }
    guest_fault(v, cause);
}

/* A load or store the G-stage tables do not map: a virtual device's
 * register, or a fault. */
static void guest_page_fault(struct vcpu *v, unsigned long cause)
{
    uintptr_t gpa = (htval_read() << 2) | (trap_value_read() & 3);

    if (mmio_emulate(v, gpa) != 0)
        guest_fault(v, cause);
}

#else

/* mstatus.TW makes an app's wfi trap as an illegal instruction. In
 * hypervisor mode an app's wfi is a yield (guest_virtual_instruction), so it
 * is here too; anything else illegal is a fault. The instruction is read in
 * halves: a compressed neighbour may leave it only 2-byte aligned. */
static void user_illegal_instruction(struct vcpu *v, unsigned long cause)
{
    const uint16_t *half = guest_range(v->partition, v->regs.x[0], 4, PERM_X);

    if (half && (half[0] | (uint32_t)half[1] << 16) == INSN_WFI) {
        v->regs.x[0] += 4;
        sched_yield(hart_get(v->config->hart));
        return;
    }
    guest_fault(v, cause);
}
#endif

static exception_handler *const exception_handlers[CAUSE_COUNT] = {
    [CAUSE_PARTITION_ECALL] = partition_ecall,
#if P3_MODE_HYPERVISOR
    [CAUSE_LOAD_GUEST_PAGE_FAULT] = guest_page_fault,
    [CAUSE_STORE_GUEST_PAGE_FAULT] = guest_page_fault,
    [CAUSE_VIRTUAL_INSTRUCTION] = guest_virtual_instruction,
#else
    [CAUSE_ILLEGAL_INSTRUCTION] = user_illegal_instruction,
#endif
};

static void timer_interrupt(struct hart *h)
{
    (void)h;   /* sched_next() sees what is due and reprograms the timer */
}

static void software_interrupt(struct hart *h)
{
    (void)h;
    arch_ipi_take();
}

static interrupt_handler *const interrupt_handlers[] = {
    [IRQ_SOFT] = software_interrupt,
    [IRQ_TIMER] = timer_interrupt,
    [IRQ_EXT] = irq_handle_external,
};

#define INTERRUPT_HANDLERS (sizeof interrupt_handlers / sizeof interrupt_handlers[0])

struct vcpu *trap_handler(struct vcpu *v)
{
    unsigned long cause = trap_cause_read();
    struct hart *h = hart_get(v->config->hart);

    h->in_guest = 0;
    trace_trap(h, v, cause);
    if ((long)cause < 0) {
        unsigned long irq = cause & ~(1UL << (__riscv_xlen - 1));
        if (irq < INTERRUPT_HANDLERS && interrupt_handlers[irq])
            interrupt_handlers[irq](h);
    } else if (cause < CAUSE_COUNT && exception_handlers[cause]) {
        exception_handlers[cause](v, cause);
    } else {
        guest_fault(v, cause);
    }
    return sched_next(h);
}

/* A trap in the firmware itself. Nothing is safe to continue. */
void firmware_panic(void)
{
    log_emergency("firmware fault: cause %lx pc %lx value %lx", trap_cause_read(), trap_epc_read(), trap_value_read());
    platform_exit(P3_STATUS_PANIC);
}
