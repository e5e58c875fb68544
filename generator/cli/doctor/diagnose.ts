/**
 * What `phase3 doctor` finds, as data: each tool through the resolver (with
 * its version and where it came from), the distribution files set-up
 * installs, and the QEMU features the boards need. Printing is the
 * command's business; the tests read this too.
 */
import fs from "node:fs";
import { boardCatalogue } from "../../../spec/boards/catalogue.ts";
import { DATA_PACKAGES, findTool, TOOL_NAMES, TOOLS, toolVersion, type Tool, type ToolName } from "../../toolchain/resolve.ts";
import { checkQemu, type QemuCheck } from "./qemu-features.ts";

export interface ToolReport {
  name: ToolName;
  optional: boolean;
  purpose: string;
  tool?: Tool;
  version?: string;
}

export interface FileReport {
  file: string;
  debianPackage: string;
  purpose: string;
  present: boolean;
}

export interface Diagnosis {
  tools: ToolReport[];
  files: FileReport[];
  qemu: QemuCheck[];
  /** Whether everything needed (not optional) is present and works. */
  healthy: boolean;
}

export function diagnose(): Diagnosis {
  const tools = TOOL_NAMES.map((name): ToolReport => {
    const tool = findTool(name);
    return { name, optional: TOOLS[name].optional === true, purpose: TOOLS[name].purpose, tool, version: tool ? toolVersion(tool) || "(no version)" : undefined };
  });
  const files = DATA_PACKAGES.map((d) => ({ ...d, present: fs.existsSync(d.file) }));
  const qemu = checkQemu(
    boardCatalogue().map((b) => b.profile),
    findTool,
  );
  const healthy = tools.every((t) => t.tool || t.optional) && files.every((f) => f.present) && qemu.every((c) => c.ok);
  return { tools, files, qemu, healthy };
}
