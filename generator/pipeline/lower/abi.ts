/**
 * The ABI as the templates need it: for each call, the guest stub's C
 * signature and ecall, and the hypervisor handler's parameter list. 64-bit
 * arguments take two registers on RV32 (low word first), as the psABI passes
 * them.
 */
import { WIDE_TYPES, type Abi, type AbiCall } from "../load/read-abi.ts";
import { constantName, hex } from "./format.ts";
import type { Model, CallModel } from "./model.ts";

const MAX_ARGS = 5;

function lowerCall(call: AbiCall, xlen: number): CallModel {
  const wide = xlen === 32;
  const args: string[] = [];
  const handlerParams: string[] = [];
  for (const p of call.params) {
    if (WIDE_TYPES.has(p.type) && wide) {
      args.push(`(unsigned long)(${p.name} & 0xffffffffu)`, `(unsigned long)(${p.name} >> 32)`);
      handlerParams.push(`p3_word ${p.name}_lo`, `p3_word ${p.name}_hi`);
    } else {
      args.push(`(unsigned long)${p.name}`);
      handlerParams.push(`p3_word ${p.name}`);
    }
  }
  const returnsAddress = call.returns.kind === "address";
  const cParams = [...call.params.map((p) => `${p.cType}${p.cType.endsWith("*") ? "" : " "}${p.name}`), ...(returnsAddress ? ["void **out"] : [])];
  const unused = Array.from({ length: MAX_ARGS - handlerParams.length }, (_, i) => `p3_word unused${handlerParams.length + i} P3_UNUSED`);
  return {
    name: call.name,
    NAME: constantName(call.name),
    fid: call.fid,
    fast: call.fast,
    noreturn: call.noreturn,
    doc: call.doc,
    cParams: cParams.length ? cParams.join(", ") : "void",
    ecall: `p3_ecall${args.length}(${[`P3_FID_${constantName(call.name)}`, ...args].join(", ")})`,
    cReturn: call.noreturn ? "void" : call.returns.cType,
    returnsStatus: call.returns.kind === "status",
    returnsAddress,
    returnsValue: call.returns.kind === "value",
    valueExpression: wide ? "((uint64_t)r.value << 32) | (uint32_t)r.error" : "(uint64_t)r.error",
    handlerParams: [...handlerParams, ...unused, "struct vcpu *self P3_UNUSED"].join(", "),
  };
}

export function lowerAbi(abi: Abi, xlen: number): Model["abi"] {
  return {
    extensionId: hex(abi.extensionId),
    version: abi.version,
    fidLimit: abi.fidLimit,
    errors: abi.errors.map((e) => ({ name: e.name === "OK" ? "P3_OK" : `P3_ERR_${e.name}`, value: e.value, doc: e.doc })),
    calls: abi.calls.map((c) => lowerCall(c, xlen)),
    wideArguments: xlen === 32,
  };
}
