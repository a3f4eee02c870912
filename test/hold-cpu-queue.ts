// Makes work wait for a worker, for the e2e check of the "waiting for a worker — N ahead" text
// (issues #24/#25): `hold N` pauses the editors' lane, where clip cuts run, and queues N reels (of no
// video: they end at once when they run) ahead of any cut; `release` resumes the lane. Run by the spec
// with `npx tsx test/hold-cpu-queue.ts …` against the test app's Redis and queue prefix.
import { randomUUID } from "node:crypto";
import { INTERACTIVE_QUEUE } from "@/lib/pipeline/graph";
import { closeQueues, enqueue, namedQueue } from "@/lib/queue";

async function main() {
  const [what, n] = process.argv.slice(2);
  const q = namedQueue(INTERACTIVE_QUEUE);
  if (what === "hold") {
    await q.pause();
    for (let i = 0; i < Number(n); i++) {
      const videoId = randomUUID();
      await enqueue("build-reel", { videoId }, { jobId: `${videoId}:reel:held` });
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
