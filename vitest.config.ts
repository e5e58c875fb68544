import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests build firmware and boot QEMU; each bounds itself too.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Spec bundles (generator/pipeline/load) are plain JavaScript: load them natively, untransformed.
    server: { deps: { external: [/phase3-spec-/] } },
  },
});
