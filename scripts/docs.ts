// `npm run docs`: regenerates the parts of docs/ that are derived from code (the job graph of
// docs/architecture.md). `--check` (the static test stage) writes nothing and fails if a file would change.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withJobGraph } from "@/lib/pipeline/graph-doc";

const file = path.resolve(import.meta.dirname, "../docs/architecture.md");
const before = readFileSync(file, "utf8");
const after = withJobGraph(before);
if (process.argv.includes("--check")) {
  if (after !== before) {
    console.error(
      "docs/architecture.md's job graph is not the one lib/pipeline/graph.ts declares: run `npm run docs`",
    );
    process.exit(1);
  }
  console.log("docs/architecture.md's job graph matches lib/pipeline/graph.ts");
} else if (after !== before) {
  writeFileSync(file, after);
  console.log("docs/architecture.md: job graph regenerated");
} else {
  console.log("docs/architecture.md: job graph already current");
}
