import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, mutualImports } from "./mutual-imports";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Not the project's own code: dependencies, build output, generated Prisma client, test artifacts.
const SKIP = new Set(["node_modules", "lib/generated", "test-results", "playwright-report", "e2e/artifacts"]);

function graphOf(root: string, files: string[]) {
  return new Map(files.map((f) => [f, importsOf(root, f, readFileSync(path.join(root, f), "utf8"))]));
}

describe("no two files import each other, types included (issue #27)", () => {
  it("finds a pair joined by a type-only import, through the @/ alias or a relative path", () => {
    const root = mkdtempSync(path.join(tmpdir(), "mutual-"));
    mkdirSync(path.join(root, "lib/a"), { recursive: true });
    const files: Record<string, string> = {
      "lib/a/one.ts": 'import type { Two } from "./two";\nexport type One = Two;',
      "lib/a/two.ts": 'import { one } from "@/lib/a/one";\nexport type Two = number;',
      "lib/a/three.ts": 'import "./one";\nexport * from "./index";',
      "lib/a/index.ts": 'export type { One } from "./one";\nconst x = () => import("./three");',
    };
    for (const [f, src] of Object.entries(files)) writeFileSync(path.join(root, f), src);
    expect(mutualImports(graphOf(root, Object.keys(files)))).toEqual([
      ["lib/a/index.ts", "lib/a/three.ts"],
      ["lib/a/one.ts", "lib/a/two.ts"],
    ]);
  });

  it("holds for every source file of the repository", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory() && !SKIP.has(rel) && !e.name.startsWith(".")) walk(rel);
        else if (e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) files.push(rel);
      }
    };
    walk("");
    const graph = graphOf(ROOT, files);
    expect(graph.size).toBeGreaterThan(300);
    expect(mutualImports(graph)).toEqual([]);
  });
});
