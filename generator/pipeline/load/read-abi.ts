/**
 * Reads the hypercall ABI declaration (spec/abi/hypercalls.ts) with ts-morph:
 * the extension id, the error codes and every call with its function id,
 * parameters, return shape and doc comment. The generator turns this one
 * model into the guest stubs, the hypervisor's dispatch tables and the API
 * reference, so they cannot disagree.
 */
import path from "node:path";
import { Project, type JSDocableNode, type SourceFile } from "ts-morph";
import { PHASE3_ROOT } from "../../root.ts";

export const ABI_FILE = path.join(PHASE3_ROOT, "spec", "abi", "hypercalls.ts");

/** C type of each ABI vocabulary type (spec/abi/types.ts). */
const C_TYPES: Record<string, string> = {
  u32: "uint32_t",
  i32: "int",
  u64: "uint64_t",
  usize: "size_t",
  InBytes: "const void *",
  OutBytes: "void *",
  OutSize: "size_t *",
};

/** Types that take two registers on RV32. */
export const WIDE_TYPES = new Set(["u64"]);

export interface AbiParam {
  name: string;
  /** The declaration's type name, e.g. "usize". */
  type: string;
  cType: string;
}

export interface AbiCall {
  name: string;
  fid: number;
  /** Served on the short trap path (never blocks or switches). */
  fast: boolean;
  noreturn: boolean;
  /** The doc comment's text, one paragraph line per entry. */
  doc: string[];
  params: AbiParam[];
  /**
   * How the result comes back:
   * - "result": Result<T>, an error (a0 < 0) or a value (a1);
   * - "status": Result<void>, an error code only;
   * - "address": Result<Address>, an error code, and the address through an out-pointer;
   * - "value": a plain value that cannot fail, in a0 (and a1 for the high half on RV32);
   * - "void": nothing (calls that do not return).
   */
  returns: { kind: "result" | "status" | "address" | "value" | "void"; type: string; cType: string };
}

export interface AbiError {
  /** e.g. "DENIED" */
  name: string;
  value: number;
  doc: string;
}

export interface Abi {
  extensionId: number;
  version: number;
  errors: AbiError[];
  /** By function id. */
  calls: AbiCall[];
  /** One more than the highest function id. */
  fidLimit: number;
}

/** Registers a call may take arguments in: a0-a4 (a5 carries the vCPU on the fast path). */
const MAX_ARGUMENTS = 5;

function docOf(node: JSDocableNode): { text: string[]; tags: Map<string, string> } {
  const tags = new Map<string, string>();
  const text: string[] = [];
  for (const doc of node.getJsDocs()) {
    const description = doc.getDescription().trim();
    if (description) text.push(...description.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()));
    for (const tag of doc.getTags()) tags.set(tag.getTagName(), (tag.getCommentText() ?? "").trim());
  }
  return { text, tags };
}

function constantNumber(file: SourceFile, name: string): number {
  const init = file.getVariableDeclarationOrThrow(name).getInitializerOrThrow();
  const value = Number(init.getText().replace(/_/g, ""));
  if (!Number.isInteger(value)) throw new Error(`${ABI_FILE}: ${name} must be an integer literal`);
  return value;
}

function returnShape(typeText: string, where: string): AbiCall["returns"] {
  if (typeText === "void") return { kind: "void", type: "void", cType: "void" };
  const result = /^Result<(\w+)>$/.exec(typeText);
  if (result) {
    const inner = result[1];
    if (inner === "void") return { kind: "status", type: "void", cType: "int" };
    if (inner === "Address") return { kind: "address", type: inner, cType: "int" };
    if (!C_TYPES[inner] || WIDE_TYPES.has(inner)) throw new Error(`${where}: Result<${inner}> cannot be returned in one register`);
    return { kind: "result", type: inner, cType: "long" };
  }
  if (C_TYPES[typeText]) return { kind: "value", type: typeText, cType: C_TYPES[typeText] };
  throw new Error(`${where}: return type ${typeText} is not void, a value or Result<T>`);
}

export function readAbiFrom(file: SourceFile): Abi {
  const where = (name: string) => `${path.relative(PHASE3_ROOT, file.getFilePath())}: ${name}`;
  const enumDecl = file.getEnumOrThrow("P3Error");
  const errors: AbiError[] = enumDecl.getMembers().map((m) => ({
    name: m.getName(),
    value: Number(m.getValue()),
    doc: docOf(m).text.join(" "),
  }));
  const iface = file.getInterfaceOrThrow("Hypercalls");
  const calls: AbiCall[] = iface.getMethods().map((method) => {
    const name = method.getName();
    const { text, tags } = docOf(method);
    const fid = Number(tags.get("fid"));
    if (!Number.isInteger(fid) || fid < 0) throw new Error(`${where(name)} needs an @fid tag with a non-negative integer`);
    const params = method.getParameters().map((p) => {
      const type = p.getTypeNodeOrThrow().getText();
      const cType = C_TYPES[type];
      if (!cType) throw new Error(`${where(name)}: parameter ${p.getName()} has type ${type}, which has no C mapping in read-abi.ts`);
      return { name: p.getName(), type, cType };
    });
    const registers = params.reduce((n, p) => n + (WIDE_TYPES.has(p.type) ? 2 : 1), 0);
    if (registers > MAX_ARGUMENTS) throw new Error(`${where(name)} needs ${registers} argument registers on RV32; at most ${MAX_ARGUMENTS} fit`);
    return {
      name,
      fid,
      fast: tags.has("fast"),
      noreturn: tags.has("noreturn"),
      doc: text,
      params,
      returns: returnShape(method.getReturnTypeNodeOrThrow().getText(), where(name)),
    };
  });
  const seen = new Map<number, string>();
  for (const call of calls) {
    const other = seen.get(call.fid);
    if (other) throw new Error(`${where(call.name)} reuses @fid ${call.fid} of ${other}`);
    seen.set(call.fid, call.name);
  }
  calls.sort((a, b) => a.fid - b.fid);
  return {
    extensionId: constantNumber(file, "EXTENSION_ID"),
    version: constantNumber(file, "ABI_VERSION"),
    errors,
    calls,
    fidLimit: Math.max(...calls.map((c) => c.fid)) + 1,
  };
}

let cached: Abi | undefined;

/** The ABI, read once per process. */
export function readAbi(): Abi {
  if (!cached) {
    // noLib: enum values need the type checker, but not the standard library,
    // whose loading made every build a second slower.
    const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { noLib: true, types: [] } });
    cached = readAbiFrom(project.addSourceFileAtPath(ABI_FILE));
  }
  return cached;
}
