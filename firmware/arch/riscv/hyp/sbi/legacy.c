/*
 * The legacy SBI calls (EIDs 0x00-0x08, SBI v0.1): the value comes back in
 * a0. Hart masks are passed by address, a guest virtual one: it is read
 * through the guest's own page tables, and a bad address is an error, not a
 * fault of the hypervisor.
 */
#include <p3_config.h>
#include <arch/guest.h>
#include "console.h"
#include "partition.h"
#include "sbi.h"

#define LEGACY_SET_TIMER       0
#define LEGACY_PUTCHAR         1
#define LEGACY_GETCHAR         2
#define LEGACY_CLEAR_IPI       3
#define LEGACY_SEND_IPI        4
#define LEGACY_FENCE_I         5
#define LEGACY_SFENCE_VMA      6
#define LEGACY_SFENCE_VMA_ASID 7
#define LEGACY_SHUTDOWN        8

/* The legacy calls return their value in a0: the "error" of sbiret. */
static struct sbiret legacy_value(long value)
{
    return (struct sbiret){ value, 0 };
}

static long for_mask(struct vcpu *v, unsigned long mask_va, void (*each)(struct vcpu *))
{
    unsigned long mask;

    if (mask_va == 0)
        return sbi_for_each_hart(v, 0, (unsigned long)-1, each);
    if (arch_guest_read_word(v, mask_va, &mask) != 0)
        return SBI_ERR_INVALID_ADDRESS;
    return sbi_for_each_hart(v, mask, 0, each);
}

static struct sbiret legacy_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    struct partition *p = v->partition;

    (void)fid;
    switch (eid) {
    case LEGACY_SET_TIMER:
        arch_vcpu_set_timer(v, args[0]);
        return legacy_value(0);
    case LEGACY_PUTCHAR: {
        char c = (char)args[0];
        console_partition_write(p, &c, 1);
        return legacy_value(0);
    }
    case LEGACY_GETCHAR: {
        char c;
        if ((int)p->config->id != P3_CONSOLE_OWNER || console_input_read(&c, 1) == 0)
            return legacy_value(-1);
        return legacy_value((unsigned char)c);
    }
    case LEGACY_CLEAR_IPI:
        arch_vcpu_clear_soft_interrupt(v);
        return legacy_value(0);
    case LEGACY_SEND_IPI:
        return legacy_value(for_mask(v, args[0], arch_vcpu_send_soft_interrupt));
    case LEGACY_FENCE_I:
    case LEGACY_SFENCE_VMA:
    case LEGACY_SFENCE_VMA_ASID:
        return legacy_value(for_mask(v, args[0], arch_vcpu_request_fence));
    case LEGACY_SHUTDOWN:
        partition_exit(p, 0);
        return legacy_value(0);
    default:
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
    }
}

const struct sbi_extension sbi_legacy = { 0x00, 0x08, "legacy", legacy_handle };
