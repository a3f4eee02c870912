import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { corpus, type CorpusFile } from "./corpus";

/** Writes every corpus file into `dir` (several ffmpeg runs at once: each is small and short). */
export async function buildCorpus(dir: string, parallel = 4): Promise<CorpusFile[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "matchcut-corpus-"));
  try {
    const queue = [...corpus];
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
          await f
            .make(path.join(dir, f.name), scratch)
            .catch((e: Error) => failures.push(`${f!.name}: ${e.message}`));
        }
      }),
    );
    if (failures.length) throw new Error(`could not build:\n${failures.join("\n")}`);
    return corpus;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
