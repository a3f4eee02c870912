// Issue #27: no two files import each other, type-only imports included. Type imports vanish at run
// time (so the eslint cycle rule lets them loop), but a reader following one file to the other and
// back still meets a knot: such shared shapes belong in a third module both import.
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The repository files `file` (relative to `root`) imports: static, type-only, re-exports, import(). */
export function importsOf(root: string, file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  const out = new Set<string>();
  for (const { fileName: spec } of importedFiles) {
    let base: string;
    if (spec.startsWith("@/")) base = spec.slice(2);
    else if (spec.startsWith(".")) base = path.join(path.dirname(file), spec);
    else continue;
    const hit = EXTENSIONS.map((e) => path.normalize(base + e)).find((f) => existsSync(path.join(root, f)));
    if (hit && hit !== file) out.add(hit);
  }
  return [...out];
}

/** Each pair of files that import each other, as [a, b] with a < b. */
export function mutualImports(graph: ReadonlyMap<string, readonly string[]>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [a, targets] of graph)
    for (const b of targets) if (a < b && graph.get(b)?.includes(a)) pairs.push([a, b]);
  return pairs.sort();
}
