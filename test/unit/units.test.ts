import { describe, expect, it } from "vitest";
import { formatSize, formatTime, parseSize, parseTime } from "../../spec/units.ts";

describe("sizes", () => {
  it.each([
    [4096, 4096],
    ["4096", 4096],
    ["64K", 65536],
    ["64KiB", 65536],
    ["2M", 2 * 1024 * 1024],
    ["1G", 1024 ** 3],
    [" 8K ", 8192],
  ])("parses %j", (input, bytes) => {
    expect(parseSize(input)).toEqual({ ok: true, value: bytes });
  });

  it.each([["64KB"], ["lots"], [-1], [1.5], ["1.3K"], [null], [{}]])("rejects %j with a message", (input) => {
    const parsed = parseSize(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/size/);
  });

  it("formats as a person writes it", () => {
    expect(formatSize(65536)).toBe("64K");
    expect(formatSize(3 * 1024 * 1024)).toBe("3M");
    expect(formatSize(1000)).toBe("1000");
  });
});

describe("times", () => {
  it.each([
    [100, 100],
    ["100ns", 100],
    ["500us", 500_000],
    ["10ms", 10_000_000],
    ["2s", 2_000_000_000],
  ])("parses %j", (input, ns) => {
    expect(parseTime(input)).toEqual({ ok: true, value: ns });
  });

  it("rejects a unit it does not know", () => {
    expect(parseTime("10min")).toEqual({ ok: false, message: expect.stringContaining("ns, us, ms, s") });
  });

  it("formats", () => {
    expect(formatTime(2_000_000)).toBe("2ms");
    expect(formatTime(1500)).toBe("1500ns");
  });
});
