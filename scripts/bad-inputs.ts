// Builds the bad-input corpus of issue #16 (test/bad-inputs/corpus.ts) into a directory:
// `npm run corpus:bad -- [DIR]` (default .data/bad-inputs). Prints each file with its size.
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { buildCorpus } from "@/test/bad-inputs/build";

const dir = path.resolve(process.argv[2] ?? ".data/bad-inputs");
await mkdir(dir, { recursive: true });
const started = Date.now();
for (const f of await buildCorpus(dir)) {
  const { size } = await stat(path.join(dir, f.name));
  console.log(`${f.name.padEnd(26)} ${String(size).padStart(9)} B  ${f.what}`);
}
console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${dir}`);
