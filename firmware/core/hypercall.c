/*
 * Handlers of the Phase3 calls. Each takes its arguments as raw register
 * values: an address from a partition is a guest-physical number, never a
 * pointer, until guest_range() has checked it against what the spec grants.
 */
#include <p3_abi.h>
#include "hypercall.h"
#include "partition.h"
#include "sched.h"

static inline struct p3_ret ok(p3_word value)
{
    return (struct p3_ret){ P3_OK, value };
}

static inline struct p3_ret fail(long error)
{
    return (struct p3_ret){ error, 0 };
}

P3_HYPERCALL(version)
{
    return ok(P3_ABI_VERSION);
}

P3_HYPERCALL(write)
{
    if (len == 0)
        return ok(0);
    const char *text = guest_range(self->partition, buf, len, PERM_R);
    if (!text)
        return fail(P3_ERR_BAD_ADDRESS);
    console_partition_write(self->partition, text, len);
    return ok(len);
}

P3_HYPERCALL(yield)
{
    sched_preempt(hart_get(self->hart));
    return ok(0);
}

P3_HYPERCALL(exit)
{
    partition_exit(self->partition, (int)code);
    return ok(0);
}

struct p3_ret hypercall_dispatch(struct vcpu *v, unsigned long fid, const unsigned long *args)
{
    if (fid >= P3_FID_LIMIT || !p3_calls[fid])
        return fail(P3_ERR_NOT_SUPPORTED);
    return p3_calls[fid](args[0], args[1], args[2], args[3], args[4], v);
}
