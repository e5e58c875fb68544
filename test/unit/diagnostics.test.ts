/** Compiler and linker messages mapped from the build folder's view to the person's. */
import { describe, expect, it } from "vitest";
import { compilerDiagnostics, rewriteLine } from "../../generator/pipeline/make/diagnostics.ts";
import { parseLine, summarize } from "../../sim/console.ts";

const BUILD = "/home/me/phase3/examples/hello/build";
const CWD = "/home/me/phase3";

describe("compiler diagnostics", () => {
  it("rewrites gcc's file names against the build folder, relative to the cwd", () => {
    expect(rewriteLine("../ping.c:6:12: error: 'x' undeclared", BUILD, CWD)).toBe("examples/hello/ping.c:6:12: error: 'x' undeclared");
    expect(rewriteLine("../ping.c: In function 'main':", BUILD, CWD)).toBe("examples/hello/ping.c: In function 'main':");
    expect(rewriteLine("In file included from ../ping.c:2:", BUILD, CWD)).toBe("In file included from examples/hello/ping.c:2:");
    expect(rewriteLine("                 from ../../../firmware/app/include/phase3.h:3,", BUILD, CWD)).toBe("                 from firmware/app/include/phase3.h:3,");
  });

  it("leaves a file name that is part of the message alone", () => {
    expect(rewriteLine("../ping.c:2:10: fatal error: nothere.h: No such file or directory", BUILD, CWD)).toBe(
      "examples/hello/ping.c:2:10: fatal error: nothere.h: No such file or directory",
    );
  });

  it("shortens the linker's name and keeps absolute paths outside the cwd absolute", () => {
    expect(rewriteLine("/usr/lib/riscv64-unknown-elf/bin/ld: out/app/ping/__/ping.o: in function `main':", BUILD, CWD)).toBe(
      "ld: examples/hello/build/out/app/ping/__/ping.o: in function `main':",
    );
    expect(rewriteLine("../ping.c:6:12: error: x", BUILD, "/elsewhere")).toBe("/home/me/phase3/examples/hello/ping.c:6:12: error: x");
  });

  it("drops make's and the driver's repetition", () => {
    const output = ["../ping.c:6:12: error: x", "make: *** [build.mk:60: out/app/ping/__/ping.o] Error 1", "collect2: error: ld returned 1 exit status", ""].join("\n");
    expect(compilerDiagnostics(output, BUILD, CWD)).toBe("examples/hello/ping.c:6:12: error: x");
  });
});

describe("console events", () => {
  it("reads restarts and counts them per partition", () => {
    const lines = ["[phase3] partition filter restarted (1 of 3)", "[phase3] fault in partition filter: load access fault", "[phase3] partition filter restarted"].map(parseLine);
    expect(lines[0]).toEqual({ kind: "hypervisor", text: "partition filter restarted (1 of 3)", event: { type: "restart", partition: "filter", detail: "(1 of 3)" } });
    expect(summarize(["filter"], lines)).toEqual([{ name: "filter", faults: 1, restarts: 2, stopped: false }]);
  });
});
