/*
 * The Phase3 calls a partition makes. The handlers' signatures, the function
 * ids and the dispatch tables are generated from spec/abi/hypercalls.ts into
 * the build folder's p3_hypercalls.h; the handlers are written in
 * hypercall.c with P3_HYPERCALL(name).
 */
#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

/* What a fast handler returns (as the error) when the call must block: the
 * trap path then saves every register and blocks the vCPU (trap.S). Never
 * seen by a partition. */
#define P3_BLOCK_MARKER (-4096)

#ifndef __ASSEMBLER__
#include <p3_hypercalls.h>

struct vcpu;

/* Runs call `fid` for `v` with arguments args[0..4] (the slow path: every
 * register of the caller is saved, so the handler may switch vCPUs). */
struct p3_ret hypercall_dispatch(struct vcpu *v, unsigned long fid, const unsigned long *args);

/* The caller of a call that returned P3_BLOCK_MARKER, its registers saved:
 * blocks it and returns the vCPU to run. */
struct vcpu *hypercall_block(struct vcpu *v);

#endif /* __ASSEMBLER__ */
#endif /* CORE_HYPERCALL_H */
