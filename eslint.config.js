import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// One owner per dependency (STYLE.md): these imports are only allowed in the listed places.
const owned = [
  { name: "@aws-sdk/*", owner: "lib/platform/storage/" },
  { name: "fluent-ffmpeg", owner: "worker/ffmpeg/" },
  { name: "onnxruntime-node", owner: "worker/inference/session.ts" },
  { name: "bullmq", owner: "lib/queue/ and worker/runtime.ts" },
  { name: "ioredis", owner: "lib/queue/ and worker/runtime.ts" },
  { name: "prom-client", owner: "lib/metrics/" },
];
const restrict = (except, extra = [], paths = []) => ({
  "no-restricted-imports": [
    "error",
    {
      paths,
      patterns: [
        ...owned
          .filter((o) => !except.includes(o.name))
          .map((o) => ({ group: [o.name], message: `Only ${o.owner} may import ${o.name}.` })),
        ...extra,
      ],
    },
  ],
});

// Browser code (components/) may import the pure parts of lib/ (schemas, segment maths, names) but
// nothing that holds a secret or a connection. `server-only` cannot mark these modules: the worker,
// the scripts and vitest import them too, outside Next's react-server condition, where it throws.
const serverOnly = [
  {
    group: [
      "**/lib/platform/*",
      "**/lib/platform/storage/*",
      "**/lib/queue",
      "**/lib/queue/*",
      "**/lib/pipeline/*",
      "**/lib/migrate/*",
      "**/lib/notify/*",
      "**/lib/api/*",
      "**/lib/auth/current",
      "**/lib/auth/session",
      "**/lib/auth/users",
      "**/lib/auth/password",
      "**/lib/videos/*",
      "**/lib/*/service",
      "**/worker/**",
    ],
    message: "Server code: components/ runs in the browser (fetch it through an API route).",
  },
];

// What lib/platform/ may not import: any feature (the rest of lib/, worker/, app/, components/). Its own
// modules and the generated Prisma client are fine; relative imports must stay inside lib/platform/.
const platformOnly = [
  {
    regex: "^@/(lib/(?!platform/|generated/)|worker/|app/|components/)",
    message: "lib/platform/ is plumbing: it imports no feature (features import it).",
  },
  { regex: "^\\.\\./", message: "lib/platform/ imports no feature (use @/lib/platform/… for its own)." },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      ".next",
      ".data",
      "lib/generated",
      "test-results",
      "playwright-report",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@next/next/no-html-link-for-pages": "off",
      ...restrict([]),
    },
  },
  {
    // No runtime import cycle (type-only imports vanish at run time, so they may loop).
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      // Without these the rule skips .ts/.tsx files as unparseable and finds no cycle at all.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".js", ".json"],
          // tsconfig.json's `@/` alias: an unresolved import would count as external and hide its cycles.
          alias: { "@": [path.dirname(fileURLToPath(import.meta.url))] },
        }),
      ],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    // Small files (STYLE.md): split around 300 lines. Tests may be longer (one scenario per block).
    files: ["app/**", "components/**", "lib/**", "worker/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  { files: ["components/**"], rules: restrict([], serverOnly) },
  {
    // Every spec runs under the page guard (e2e/guard.ts): a spec that took `test` from Playwright
    // would silently lose it.
    files: ["e2e/**/*.spec.ts"],
    rules: restrict(
      [],
      [],
      [
        {
          name: "@playwright/test",
          importNames: ["test"],
          message: "Import test from ./helpers: it fails the test on CSP violations and console errors.",
        },
      ],
    ),
  },
  // lib/platform/ is the plumbing (db, env, storage, logger, errors): it knows no feature, so the arrows
  // point one way, features → platform. Its tests may drive a route (they are the harness, not platform).
  { files: ["lib/platform/**"], ignores: ["**/*.test.ts"], rules: restrict([], platformOnly) },
  {
    files: ["lib/platform/storage/**"],
    ignores: ["**/*.test.ts"],
    rules: restrict(["@aws-sdk/*"], platformOnly),
  },
  { files: ["worker/ffmpeg/**"], rules: restrict(["fluent-ffmpeg"]) },
  { files: ["worker/inference/session.ts"], rules: restrict(["onnxruntime-node"]) },
  { files: ["lib/queue/**", "worker/runtime.ts"], rules: restrict(["bullmq", "ioredis"]) },
  { files: ["lib/metrics/**"], rules: restrict(["prom-client"]) },
  {
    // Issue #27: handlers return what follows ({ next: [{ job, data }] }, or from ctx.commit) and the
    // runtime stages it in the outbox (worker/runtime-next.ts); routes start work with startJob. Only the
    // outbox's dispatcher puts a job on a queue. Tests may, as a harness.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/pipeline/outbox.ts", "lib/queue/**", "**/*.test.ts", "test/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportSpecifier[imported.name=/^enqueue(Flow|Next|NextFlow)?$/]",
          message: "Return the jobs that follow as { next: [{ job, data }] }; the runtime enqueues them.",
        },
      ],
    },
  },
  {
    // Only lib/platform/env.ts reads process.env.
    files: ["**/*.ts", "**/*.tsx"],
    // Tests may set variables before lib/platform/env.ts first reads them; scripts and configs run outside the app.
    ignores: [
      "lib/platform/env.ts",
      "**/*.test.ts",
      "test/**",
      "e2e/**",
      "scripts/**",
      "playwright.config.ts",
      "prisma.config.ts",
      "vitest.config.ts",
      "models/tools/**",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/platform/env.ts." },
      ],
    },
  },
);
