/**
 * The vocabulary of the hypercall ABI declaration (./hypercalls.ts).
 *
 * These types exist for the declaration to read well and type-check; the
 * generator maps each name to its C type (generator/pipeline/load/read-abi.ts), so a
 * new name here needs a mapping there.
 */

/** Unsigned 32-bit integer. */
export type u32 = number;
/** Signed 32-bit integer. */
export type i32 = number;
/** Unsigned 64-bit integer; two registers on RV32. */
export type u64 = bigint;
/** An unsigned size in bytes, one register wide. */
export type usize = number;
/** Bytes the hypervisor reads from the caller's memory. */
export type InBytes = { readonly __in: unique symbol };
/** Bytes the hypervisor writes into the caller's memory. */
export type OutBytes = { readonly __out: unique symbol };

/** Where the hypervisor stores a size for the caller (a size_t in the caller's memory). */
export type OutSize = { readonly __outSize: unique symbol };
/** An address in the caller's own address space, returned by a call. */
export type Address = { readonly __address: unique symbol };

/** A call that reports an error code in a0 and, on success, a value of type T in a1. */
export type Result<T> = { readonly __result: T };
