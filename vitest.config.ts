import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests share one database and one bucket: files run one after another.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", ".next/**", ".data/**"],
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**", ".data/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
