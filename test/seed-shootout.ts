// Seeds what e2e/brand.spec.ts needs: the test split's shoot-out (wc2022-bra-cro, 7 kicks joined by
// test/brand.ts buildShootout) as a ready video with a current analysis and one suggested penalty
// highlight on each kick. Prints {videoId, title, sourceKey, spans} as one JSON line.
// Run by the spec with `npx tsx test/seed-shootout.ts` against the test app's database and bucket.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { keys, putObject } from "@/lib/storage";
import { buildShootout, SHOOTOUT_SIZE } from "./brand";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

async function main() {
  const admin = await db().user.findUniqueOrThrow({ where: { email: env().ADMIN_EMAIL } });
  const tmp = await mkdtemp(path.join(tmpdir(), "seed-shootout-"));
  const file = path.join(tmp, "shootout.mp4");
  const spans = await buildShootout(file);
  const bytes = new Uint8Array(await readFile(file));
  await rm(tmp, { recursive: true, force: true });
  const id = randomUUID();
  const sourceKey = keys.source(id, "mp4");
  await putObject(sourceKey, bytes, "video/mp4");
  const title = `Brazil v Croatia ${id.slice(0, 4)}`;
  await db().video.create({
    data: {
      id,
      ownerId: admin.id,
      title,
      originalName: `${title}.mp4`,
      sourceKey,
      size: BigInt(bytes.length),
      ...videoLifecycle.seed("ready"),
      durationS: spans.at(-1)!.endS,
      fps: 25,
      width: SHOOTOUT_SIZE.w,
      height: SHOOTOUT_SIZE.h,
      hasAudio: false,
      videoCodec: "h264",
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
  for (const s of spans)
    await db().highlight.create({
      data: { videoId: id, analysisId: analysis.id, label: "penalty", ...s, peak: 0.9, mean: 0.8 },
    });
  process.stdout.write(`${JSON.stringify({ videoId: id, title, sourceKey, spans })}\n`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
