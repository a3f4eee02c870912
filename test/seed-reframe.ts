// Seeds what e2e/reframe.spec.ts needs: a ready 8-s video (test/reframe.ts) with a current analysis and
// one accepted penalty highlight, 2–6 s, whose clip is being cut (the worker cuts it and finds its crop
// path). Prints {videoId, highlightId} as one JSON line. Run with `npx tsx test/seed-reframe.ts`.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { clipLifecycle } from "@/lib/clips/lifecycle";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { startJob } from "@/lib/pipeline/enqueue";
import { keys, putObject } from "@/lib/storage";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { buildReframeSource, REFRAME_SOURCE } from "./reframe";

async function main() {
  const admin = await db().user.findUniqueOrThrow({ where: { email: env().ADMIN_EMAIL } });
  const tmp = await mkdtemp(path.join(tmpdir(), "seed-reframe-"));
  const file = path.join(tmp, "source.mp4");
  await buildReframeSource(file);
  const bytes = new Uint8Array(await readFile(file));
  await rm(tmp, { recursive: true, force: true });
  const id = randomUUID();
  const sourceKey = keys.source(id, "mp4");
  await putObject(sourceKey, bytes, "video/mp4");
  const title = `Reframe ${id.slice(0, 4)}`;
  const { w, h, fps, seconds } = REFRAME_SOURCE;
  await db().video.create({
    data: {
      ...{
        id,
        ownerId: admin.id,
        title,
        originalName: `${title}.mp4`,
        sourceKey,
        size: BigInt(bytes.length),
      },
      ...{
        ...videoLifecycle.seed("ready"),
        durationS: seconds,
        fps,
        width: w,
        height: h,
        hasAudio: false,
        videoCodec: "h264",
      },
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: id,
      modelId: "seed",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const highlight = await db().$transaction(async (tx) => {
    const row = await tx.highlight.create({
      data: {
        ...{ videoId: id, analysisId: analysis.id, label: "penalty", startS: 2, endS: 6 },
        ...{ peak: 0.9, mean: 0.8, status: "accepted", ...clipLifecycle.seed("cutting") },
      },
    });
    // the worker's outbox dispatcher hands it to BullMQ
    await startJob(tx, "highlights edited", "cut-clip", { highlightId: row.id, revision: 0 });
    return row;
  });
  process.stdout.write(`${JSON.stringify({ videoId: id, highlightId: highlight.id })}\n`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
