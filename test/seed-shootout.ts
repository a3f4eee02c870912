// Seeds what e2e/brand.spec.ts needs: the test split's shoot-out (wc2022-bra-cro, 7 kicks joined by
// test/brand.ts buildShootout) as a ready video with a current analysis and one suggested penalty
// highlight on each kick. Prints {videoId, title, sourceKey, spans} as one JSON line.
// Run by the spec with `npx tsx test/seed-shootout.ts` against the test app's database and bucket.
import { db, disconnectDb } from "@/lib/platform/db";
import { buildShootout, SHOOTOUT_SIZE } from "./brand";
import { seedReadyVideo } from "./seed-video";

async function main() {
  const v = await seedReadyVideo({
    name: "shootout",
    build: buildShootout,
    title: (id) => `Brazil v Croatia ${id.slice(0, 4)}`,
    facts: (spans) => ({
      durationS: spans.at(-1)!.endS,
      fps: 25,
      width: SHOOTOUT_SIZE.w,
      height: SHOOTOUT_SIZE.h,
    }),
  });
  const spans = v.built;
  for (const s of spans)
    await db().highlight.create({
      data: { videoId: v.id, analysisId: v.analysisId, label: "penalty", ...s, peak: 0.9, mean: 0.8 },
    });
  const out = { videoId: v.id, title: v.title, sourceKey: v.sourceKey, spans };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
