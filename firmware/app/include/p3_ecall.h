/*
 * The raw Phase3 call, for the generated stubs in p3_calls.h: a7 = the
 * extension id, a6 = the function id, a0-a4 the arguments; the error comes
 * back in a0 and the value in a1. The Phase3 ABI lets the hypervisor clobber
 * every caller-saved register, as a C function call may, so each variant
 * tells the compiler exactly that and passes only the registers it uses.
 */
#ifndef P3_ECALL_H
#define P3_ECALL_H

#include <p3_abi.h>

struct p3_result {
    long error;
    unsigned long value;
};

#define P3_ECALL_CLOBBERS "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6"

#define P3_ECALL_PROLOGUE(fid) \
    register unsigned long r6 __asm__("a6") = (fid); \
    register unsigned long r7 __asm__("a7") = P3_EXTENSION_ID

static inline struct p3_result p3_ecall0(unsigned long fid)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0");
    register unsigned long r1 __asm__("a1");
    __asm__ volatile("ecall" : "=r"(r0), "=r"(r1), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a2", "a3", "a4", "a5");
    return (struct p3_result){ (long)r0, r1 };
}

static inline struct p3_result p3_ecall1(unsigned long fid, unsigned long a0)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1");
    __asm__ volatile("ecall" : "+r"(r0), "=r"(r1), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a2", "a3", "a4", "a5");
    return (struct p3_result){ (long)r0, r1 };
}

static inline struct p3_result p3_ecall2(unsigned long fid, unsigned long a0, unsigned long a1)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a2", "a3", "a4", "a5");
    return (struct p3_result){ (long)r0, r1 };
}

static inline struct p3_result p3_ecall3(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    register unsigned long r2 __asm__("a2") = a2;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a3", "a4", "a5");
    return (struct p3_result){ (long)r0, r1 };
}

static inline struct p3_result p3_ecall4(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2,
                                         unsigned long a3)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    register unsigned long r2 __asm__("a2") = a2;
    register unsigned long r3 __asm__("a3") = a3;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a4", "a5");
    return (struct p3_result){ (long)r0, r1 };
}

static inline struct p3_result p3_ecall5(unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2,
                                         unsigned long a3, unsigned long a4)
{
    P3_ECALL_PROLOGUE(fid);
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    register unsigned long r2 __asm__("a2") = a2;
    register unsigned long r3 __asm__("a3") = a3;
    register unsigned long r4 __asm__("a4") = a4;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r6), "+r"(r7)
                     :: P3_ECALL_CLOBBERS, "a5");
    return (struct p3_result){ (long)r0, r1 };
}

#endif /* P3_ECALL_H */
