/*
 * SBI Debug Console (EID "DBCN", SBI 2.0 ch. 12): console output attributed
 * to the partition; input for the partition that owns console input. Buffers
 * are guest-physical, checked against what the partition may access.
 */
#include <p3_config.h>
#include "console.h"
#include "partition.h"
#include "sbi.h"

static struct sbiret dbcn_handle(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *args)
{
    struct partition *p = v->partition;
    unsigned long len = args[0];

    (void)eid;
    if (fid == 2) {                                  /* write_byte */
        char c = (char)args[0];
        console_partition_write(p, &c, 1);
        return sbi_ok(0);
    }
    if (fid > 1)
        return sbi_error(SBI_ERR_NOT_SUPPORTED);
#if __riscv_xlen == 32
    if (args[2])                                     /* base_addr_hi: beyond what RV32 maps */
        return sbi_error(SBI_ERR_INVALID_PARAM);
#endif
    if (len == 0)
        return sbi_ok(0);
    void *buf = guest_range(p, args[1], len, fid == 0 ? PERM_R : PERM_W);
    if (!buf)
        return sbi_error(SBI_ERR_INVALID_PARAM);
    if (fid == 0) {                                  /* write */
        console_partition_write(p, buf, len);
        return sbi_ok(len);
    }
    if ((int)p->config->id != P3_CONSOLE_OWNER)      /* read */
        return sbi_ok(0);
    return sbi_ok(console_input_read(buf, len));
}

const struct sbi_extension sbi_dbcn = { 0x4442434e, 0x4442434e, "dbcn", dbcn_handle };
