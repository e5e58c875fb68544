/**
 * The exact command that installs what is missing, on this host: apt on
 * Debian and Ubuntu (and their derivatives); elsewhere the xPacks of
 * xpack.json through `npm run setup` for what xPacks provide, and the Debian
 * package name for the rest so a person can find its equivalent.
 */
import fs from "node:fs";
import { installCommand, TOOLS, type ToolName } from "../../toolchain/resolve.ts";

export type HostKind = "debian" | "other";

/** Debian, Ubuntu and their derivatives say so in /etc/os-release. */
export function hostKind(osRelease = "/etc/os-release"): HostKind {
  try {
    const text = fs.readFileSync(osRelease, "utf8");
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? "";
    return /\b(debian|ubuntu)\b/.test(`${field("ID")} ${field("ID_LIKE")}`) ? "debian" : "other";
  } catch {
    return "other";
  }
}

/** How to get one tool, in one line. */
export function toolAdvice(name: ToolName, host: HostKind): string {
  const spec = TOOLS[name];
  if (host === "debian") return installCommand([spec.debianPackage]);
  const xpack = spec.xpack ? `\`npm run setup\` (installs ${spec.xpack} with xpm), or ` : "";
  return `${xpack}your package manager's ${spec.candidates[spec.candidates.length - 1]} (Debian calls the package ${spec.debianPackage})`;
}

/** One command for everything missing, or undefined when nothing is. */
export function allAdvice(tools: ToolName[], dataPackages: string[], host: HostKind): string | undefined {
  const packages = [...tools.map((t) => TOOLS[t].debianPackage), ...dataPackages];
  if (packages.length === 0) return undefined;
  if (host === "debian") return installCommand(packages);
  return undefined;
}
