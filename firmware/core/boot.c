/*
 * The boot sequence, as a recipe. Hypervisor mode:
 *
 *   _start         arch/riscv/hyp/m_entry.S   every hart: delegate traps, open
 *                                             PMP, drop to HS-mode
 *   hs_entry       arch/riscv/hyp/hs_entry.S  hart 0 clears .bss; the others
 *                                             wait for boot_done
 *
 * Microkernel mode (no M stage: the kernel stays in M-mode):
 *
 *   _start         arch/riscv/mk/entry.S      trap vector, park unused harts;
 *                                             hart 0 copies .data, clears .bss
 *
 * Then, in both:
 *
 *   firmware_main  here                       hart 0: console, partitions, wake
 *                                             the others; every hart: its traps
 *                                             and timer, then its partitions
 */
#include <p3_config.h>
#include "arch.h"
#include "console.h"
#include "partition.h"
#include "platform.h"
#include "sched.h"
#include "trace.h"

#define BOOT_HART 0

/* In .data, not .bss: the other harts poll it while hart 0 clears .bss. */
volatile int boot_done __attribute__((section(".data"))) = 0;

__attribute__((noreturn)) void firmware_main(unsigned long hartid)
{
    if (hartid == BOOT_HART) {
        console_init();                      /* 1. a console to report on */
        trace_boot();                        /*    (trace builds: the trace's first record) */
        log_line("Phase3 %s: %u partition(s) on %u hart(s)", P3_SYSTEM_NAME, P3_NUM_PARTITIONS, P3_NUM_HARTS);
        platform_irq_init();                 /* 2. device interrupts, all masked */
        uint64_t now = arch_time_now();
        sched_set_epoch(now);                /* 3. the time every schedule counts from */
        partitions_init(now);                /* 4. every first vCPU at its entry point */
        __atomic_store_n(&boot_done, 1, __ATOMIC_RELEASE);
        for (unsigned other = 0; other < P3_NUM_HARTS; other++)
            if (other != BOOT_HART)
                arch_send_ipi(other);        /* 5. wake the other harts */
    } else {
        arch_ipi_take();                     /* the IPI that released us */
    }
    arch_hart_init((unsigned)hartid);        /* 6. this hart's traps, timer, interrupts */
    platform_irq_hart_init((unsigned)hartid);
    sched_start((unsigned)hartid);           /* 7. run its partitions; never returns */
}
