/** report.txt: the memory maps, partitions, channels, regions, devices, schedule and image sizes, for a person. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../generator/pipeline/check.ts";
import { generate } from "../../generator/pipeline/index.ts";
import { renderReport, withImageSizes } from "../../generator/pipeline/report/report.ts";
import { runMake } from "../../generator/pipeline/make/make.ts";
import { FIXTURES, outDir } from "../helpers.ts";

const EVERYTHING = path.join(FIXTURES, "valid", "everything.ts");
const PIPELINE = path.join(FIXTURES, "valid", "pipeline.ts");

async function report(spec: string): Promise<string> {
  const checked = await checkSpec(spec);
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join("\n"));
  return renderReport(checked.spec.system, checked.plan, "banner");
}

/** The table row whose cells start with these, cells trimmed. */
function row(text: string, ...cells: string[]): string[] | undefined {
  for (const line of text.split("\n")) {
    if (!line.trimStart().startsWith("|")) continue;
    const got = line.trim().slice(1, -1).split("|").map((c) => c.trim());
    if (cells.every((c, i) => got[i] === c)) return got;
  }
  return undefined;
}

describe("report.txt", () => {
  it("explains every part of a rich system", async () => {
    const text = await report(EVERYTHING);
    expect(text.split("\n")[0]).toBe("banner");
    // host physical memory, all of RAM accounted for
    expect(row(text, "0x80000000", "0x80020000", "128K")).toEqual(["0x80000000", "0x80020000", "128K", "hypervisor (its fixed reserve)"]);
    expect(text).toMatch(/\| partition sensor +\|/);
    expect(text).toMatch(/\| shared region calibration +\|/);
    expect(text).toMatch(/\| channel buffer samples +\|/);
    expect(text).toMatch(/\| G-stage page tables +\|/);
    expect(text).toMatch(/\| reserved: QEMU writes its device tree here at reset \|/);
    // devices and who owns them
    expect(row(text, "rtc")?.[5]).toBe("sensor");
    expect(row(text, "virtio1")?.[5]).toBe("store");
    expect(row(text, "uart0")?.[5]).toBe("firmware (console)");
    expect(row(text, "virtio7")?.[5]).toBe("-");
    // partitions
    expect(row(text, "4", "guest")).toEqual(["4", "guest", "2", "2M", "-", expect.stringMatching(/^0x8/), "guest image ../apps/guest.bin", "stop", "-"]);
    expect(row(text, "2", "logger")?.slice(7)).toEqual(["stop", "console input"]);
    expect(row(text, "0", "sensor")?.slice(7)).toEqual(["stop", "watchdog 50ms"]);
    // a guest view per partition, with its shared objects and devices
    for (const p of ["sensor", "filter", "logger", "store", "guest"]) expect(text).toContain(`Partition ${p}: guest-physical view`);
    const sensorView = text.slice(text.indexOf("Partition sensor: guest"), text.indexOf("Partition filter: guest"));
    expect(sensorView).toMatch(/\| 0x00101000 \| 0x00102000 \| +4K \| rw +\| device rtc/);
    expect(sensorView).toMatch(/\| r +\| shared calibration/);
    expect(sensorView).toMatch(/\| rw +\| channel samples/);
    expect(sensorView).toMatch(/guard page \(unmapped\)/);
    // channels: who writes, who reads, how big
    expect(row(text, "samples")?.slice(0, 5)).toEqual(["samples", "sensor", "filter", "16 x 64", "4K"]);
    expect(row(text, "events")?.[7]).toBe("no");
    expect(row(text, "lookup")?.[4]).toBe("filter r, logger r, store rw");
    // the schedule of each hart
    expect(text).toContain("hart 0: major frame 10ms");
    expect(row(text, "2ms", "6ms", "filter")).toBeDefined();
    expect(text).toContain("hart 1: highest priority first");
    expect(row(text, "logger", "2", "2ms per 10ms")).toBeDefined();
    expect(text).toContain("hart 2: round robin, 500us slices: guest");
    expect(text).toMatch(/Image sizes\n\n {2}Not built yet/);
  });

  it("gets the image sizes after make, and keeps them when an unchanged spec is regenerated", async () => {
    const out = outDir("report-sizes");
    fs.rmSync(out, { recursive: true, force: true });
    const generated = await generate(PIPELINE, out);
    if (!generated.ok) throw new Error(generated.problems.map((p) => p.message).join("\n"));
    const made = await runMake(out);
    expect(made.ok, made.output).toBe(true);
    const file = path.join(out, "report.txt");
    const sized = withImageSizes(fs.readFileSync(file, "utf8"), out, generated.spec.system, generated.plan);
    fs.writeFileSync(file, sized);
    expect(sized).toMatch(/pipeline\.elf: the firmware uses \d+ bytes of its 128K reserve of RAM \(\d+%\)\n/);
    expect(sized).toMatch(/\| 0x80000000 \| +\d+ \| r-x +\| firmware \.text +\|/);
    expect(sized).toMatch(/\| 0x8\w+ \| +\d+ \| r-- +\| image of logger +\|/);
    expect(sized).toMatch(/\| 0x8\w+ \| +\d+ \| r-- +\| device tree of logger +\|/);
    expect(row(sized, "sensor")?.[1]).toBe("RAM, code included");
    expect(row(sized, "sensor")?.[3]).toBe(String(64 * 1024 - 16 * 1024)); // less the stack, its guard page and the device tree
    expect(sized).not.toContain("Not built yet");

    const again = await generate(PIPELINE, out);
    expect(again.ok && again.write.written).toEqual([]);
    expect(fs.readFileSync(file, "utf8")).toBe(sized);
  });
});
