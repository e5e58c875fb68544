/** phase3 graph: an SVG of the system, checked by reading it back as XML (and, by a person, by looking at it). */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderGraph } from "../../generator/cli/graph/svg.ts";
import { modelOf } from "../../generator/pipeline/index.ts";
import { FIXTURES, outDir, phase3 } from "../helpers.ts";
import { allElements, parseXml, textOf, type XmlElement } from "../xml.ts";

const EVERYTHING = path.join(FIXTURES, "valid", "everything.ts");

async function graphOf(spec: string): Promise<string> {
  const lowered = await modelOf(spec);
  if (!lowered.ok) throw new Error(lowered.problems.map((p) => p.message).join("\n"));
  return renderGraph(lowered.model);
}

const byClass = (root: XmlElement, cls: string) => allElements(root).filter((e) => e.attributes.class === cls);
const named = (root: XmlElement, cls: string, name: string) => byClass(root, cls).find((e) => e.attributes["data-name"] === name);

describe("phase3 graph", () => {
  it("draws harts, partitions, channels, shared regions and devices as well-formed SVG", async () => {
    const svg = parseXml(await graphOf(EVERYTHING));
    expect(svg.name).toBe("svg");
    expect(svg.attributes.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(Number(svg.attributes.width)).toBeGreaterThan(0);
    expect(svg.attributes.viewBox).toBe(`0 0 ${svg.attributes.width} ${svg.attributes.height}`);

    // a lane per hart, each partition in the lane of its (first) hart
    expect(byClass(svg, "hart").map((h) => textOf(h)[0])).toEqual(["hart 0", "hart 1", "hart 2"]);
    expect(textOf(byClass(svg, "hart")[0]).join(" ")).toContain("major frame 10ms: sensor 2ms, filter 6ms, idle 2ms");
    const partitions = byClass(svg, "partition");
    expect(partitions.map((p) => [p.attributes["data-name"], p.attributes["data-hart"]])).toEqual([
      ["sensor", "0"],
      ["filter", "0"],
      ["logger", "1"],
      ["store", "1"],
      ["guest", "2"],
    ]);
    expect(textOf(named(svg, "partition", "filter")!)).toEqual(["filter", "#1 · 256K · app ok.c", "on fault: restart (5 times)"]);

    // channels: an arrow from sender to receiver, labelled with its size
    const samples = named(svg, "channel", "samples")!;
    expect([samples.attributes["data-from"], samples.attributes["data-to"]]).toEqual(["sensor", "filter"]);
    expect(samples.children.find((c) => c.name === "path")?.attributes["marker-end"]).toBe("url(#arrow)");
    expect(textOf(samples)).toEqual(["samples: 16 × 64 B"]);
    expect(textOf(named(svg, "channel", "blocks")!)).toEqual(["blocks: 2 × 4K"]);
    expect(allElements(svg).some((e) => e.name === "marker" && e.attributes.id === "arrow")).toBe(true);

    // shared regions: a box, and a line to each user with its access
    expect(textOf(named(svg, "region", "lookup")!)).toEqual(["lookup", "4K shared"]);
    const users = byClass(svg, "region-users").find((g) => g.attributes["data-region"] === "lookup")!;
    expect(users.children.filter((c) => c.name === "path").map((p) => [p.attributes["data-partition"], p.attributes["data-access"]])).toEqual([
      ["filter", "r"],
      ["logger", "r"],
      ["store", "rw"],
    ]);

    // devices inside the partition that owns them; the firmware's own listed apart
    expect(byClass(svg, "device").map((d) => [d.attributes["data-name"], d.attributes["data-owner"]])).toEqual([
      ["rtc", "sensor"],
      ["virtio0", "store"],
      ["virtio1", "store"],
    ]);
    expect(textOf(named(svg, "device", "rtc")!)).toEqual(["rtc · irq 11"]);
    expect(textOf(byClass(svg, "firmware")[0]).join()).toBe("firmware keeps: test (exit), clint (timer), plic (interrupts), uart0 (console)");
  });

  it("is deterministic", async () => {
    expect(await graphOf(EVERYTHING)).toBe(await graphOf(EVERYTHING));
  });

  it("writes the SVG into the build folder and prints its path", () => {
    const out = outDir("graph");
    fs.rmSync(path.join(out, "everything.svg"), { force: true });
    const r = phase3(["graph", EVERYTHING, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(path.relative(process.cwd(), path.join(out, "everything.svg")));
    expect(() => parseXml(fs.readFileSync(path.join(out, "everything.svg"), "utf8"))).not.toThrow();
  });

  it("reports a spec's problems instead of drawing it", () => {
    const r = phase3(["graph", path.join(FIXTURES, "rules", "channel-self-loop.ts"), "--out", outDir("graph-bad")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error channel-self-loop/);
  });
});

describe("the test's XML reader", () => {
  it("rejects what is not well-formed", () => {
    for (const bad of ["<a><b></a>", "<a>x & y</a>", '<a x="1" x="2"/>', "<a>", "<a/><b/>", "<a>&nope;</a>"]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(textOf(parseXml('<a k="&lt;v&gt;">1 &amp; <b>2</b></a>'))).toEqual(["1 & ", "2"]);
  });
});
