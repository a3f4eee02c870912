// Seeds what e2e/reframe.spec.ts needs: a ready 8-s video (test/reframe.ts) with a current analysis and
// one accepted penalty highlight, 2–6 s, whose clip is being cut (the worker cuts it and finds its crop
// path). Prints {videoId, highlightId} as one JSON line. Run with `npx tsx test/seed-reframe.ts`.
import { clipLifecycle } from "@/lib/clips/lifecycle";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { buildReframeSource, REFRAME_SOURCE } from "./reframe";
import { seedReadyVideo } from "./seed-video";

async function main() {
  const { w, h, fps, seconds } = REFRAME_SOURCE;
  const v = await seedReadyVideo({
    name: "reframe",
    build: buildReframeSource,
    title: (id) => `Reframe ${id.slice(0, 4)}`,
    facts: () => ({ durationS: seconds, fps, width: w, height: h }),
  });
  const highlight = await db().$transaction(async (tx) => {
    const row = await tx.highlight.create({
      data: {
        ...{ videoId: v.id, analysisId: v.analysisId, label: "penalty", startS: 2, endS: 6 },
        ...{ peak: 0.9, mean: 0.8, status: "accepted", ...clipLifecycle.seed("cutting") },
      },
    });
    // the worker's outbox dispatcher hands it to BullMQ
    await startJob(tx, "highlights edited", "cut-clip", { highlightId: row.id, revision: 0 });
    return row;
  });
  process.stdout.write(`${JSON.stringify({ videoId: v.id, highlightId: highlight.id })}\n`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
