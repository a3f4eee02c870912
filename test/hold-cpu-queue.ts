// Makes work wait for a worker, for the e2e check of the "waiting for a worker — N ahead" text
// (issues #24/#25): `hold N` pauses the shared CPU queue and queues N analysis chunks (of no analysis:
// they end at once when they run) ahead of any clip cut; `release` resumes the queue. Run by the spec
// with `npx tsx test/hold-cpu-queue.ts …` against the test app's Redis and queue prefix.
import { randomUUID } from "node:crypto";
import { CPU_QUEUE } from "@/lib/pipeline/graph";
import { closeQueues, enqueue, namedQueue } from "@/lib/queue";

async function main() {
  const [what, n] = process.argv.slice(2);
  const q = namedQueue(CPU_QUEUE);
  if (what === "hold") {
    await q.pause();
    for (let i = 0; i < Number(n); i++) {
      const analysisId = randomUUID();
      await enqueue("analyze-chunk", { analysisId, index: 0 }, { jobId: `${analysisId}:chunk:0` });
    }
  } else if (what === "release") {
    await q.resume();
  } else {
    throw new Error("usage: hold-cpu-queue.ts hold N | release");
  }
  await closeQueues();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
