import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The `@/` import alias of tsconfig.json; each project extends this root config.
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    // Integration tests share one database and one bucket: files run one after another.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [
            "**/*.int.test.ts",
            "**/*.faults.test.ts",
            "node_modules/**",
            "e2e/**",
            ".next/**",
            ".data/**",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**", ".data/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // `npm run test:faults`: kills workers and stops Redis (a private one), so it runs on its own.
        extends: true,
        test: {
          name: "faults",
          environment: "node",
          include: ["**/*.faults.test.ts"],
          exclude: ["node_modules/**", ".next/**", ".data/**"],
          testTimeout: 400_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
