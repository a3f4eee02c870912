// `npm run bench:learn` (issue #14): does the review room teach the model? On real footage from
// ../shared/data, none of it in the base model's training split (models/tools/splits.json):
//   A = two videos from the validation split (models/tools/build-match.ts --split val --part 1/2, 2/2:
//       the wc2022-ned-arg kicks, split between them, in disjoint non-penalty clips); the editor's
//       decisions are made on both (one is held out by the retrain to judge the new head);
//   B = the test split's match video (wc2022-bra-cro + ucl2012-bay-che kicks, held-out broadcast and
//       other footage), never labelled.
// Steps: upload-equivalent of all three (the worker probes and analyses them with the default model);
// on A: reject every highlight on no kick, accept every one on a kick, add a highlight for a kick none
// covers (times from build-match's truth.json), mark the review complete; retrain; activate; wait until
// B's current analysis is the re-scored one (from cached features, no decode); print false highlights
// and recall on B before/after, the retrain time and the re-score time. The last line is JSON.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { patchHighlight } from "@/lib/clips/service";
import { setReviewComplete } from "@/lib/labels/service";
import { activateVersion, startRetrain } from "@/lib/learn/service";
import { compareWithLabels, type LabelledInterval } from "@/lib/learn/windows";
import { startJob } from "@/lib/pipeline/enqueue";
import { dispatchSoon } from "@/lib/pipeline/outbox";
import { closeQueues } from "@/lib/queue";
import { createHighlight } from "@/lib/review/service";
import { keys, uploadStream } from "@/lib/platform/storage";
import { sweep } from "./learn-sweep";

const run = promisify(execFile);
const root = path.resolve(env().DATA_DIR, "bench", "learn");
const s1 = (x: number) => +x.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Truth {
  video: string;
  durationS: number;
  kicks: { path: string; start: number; end: number }[];
}

async function build(name: string, split: string, part: string): Promise<Truth> {
  const out = path.join(root, name);
  const truthFile = path.join(out, "truth.json");
  if (!existsSync(truthFile)) {
    console.log(`building match ${name} (${split} split, part ${part})…`);
    await run(process.execPath, [
      "--import",
      "tsx",
      "models/tools/build-match.ts",
      "--split",
      split,
      "--part",
      part,
      "--out",
      out,
    ]);
  }
  return JSON.parse(readFileSync(truthFile, "utf8")) as Truth;
}

async function upload(ownerId: string, name: string, t: Truth): Promise<string> {
  const id = randomUUID();
  const sourceKey = keys.source(id, "mp4");
  await uploadStream(sourceKey, createReadStream(t.video), "video/mp4");
  const size = BigInt(statSync(t.video).size);
  // as the upload's complete route does: the video and its probe job in one transaction (the outbox)
  await db().$transaction(async (tx) => {
    await tx.video.create({
      data: { id, ownerId, title: name, originalName: `${name}.mp4`, sourceKey, size },
    });
    await startJob(tx, "upload complete", "probe", { videoId: id });
  });
  await dispatchSoon();
  return id;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined>,
  timeoutS = 3600,
): Promise<T> {
  const end = Date.now() + timeoutS * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

async function analysed(videoId: string) {
  return waitFor(`the analysis of ${videoId}`, async () => {
    const v = await db().video.findUniqueOrThrow({ where: { id: videoId } });
    if (v.status === "failed") throw new Error(`video ${v.title} failed: ${v.error}`);
    return db().analysis.findFirst({ where: { videoId, current: true, status: "complete" } });
  });
}

const kicksOf = (t: Truth): LabelledInterval[] =>
  t.kicks.map((k) => ({ label: "penalty", kind: "positive", startS: k.start, endS: k.end }));

async function measureB(videoId: string, t: Truth) {
  const a = await db().analysis.findFirstOrThrow({ where: { videoId, current: true } });
  const hs = await db().highlight.findMany({ where: { analysisId: a.id } });
  const segs = hs.map((h) => ({ label: h.label, start: h.startS, end: h.endS, peak: h.peak, mean: h.mean }));
  const c = compareWithLabels(segs, kicksOf(t), "penalty", true, t.durationS);
  return { analysisId: a.id, version: a.modelVersion, featuresKey: a.featuresKey, ...c };
}

/** The editor on one A video: reject false highlights, accept kicks, add the kicks nothing covers. */
async function review(videoId: string, t: Truth) {
  const a = await db().analysis.findFirstOrThrow({ where: { videoId, current: true } });
  const hs = await db().highlight.findMany({ where: { analysisId: a.id } });
  const on = (s: number, e: number, k: { start: number; end: number }) => s < k.end && k.start < e;
  let accepted = 0;
  let rejected = 0;
  let added = 0;
  for (const h of hs) {
    const kick = t.kicks.some((k) => on(h.startS, h.endS, k));
    await patchHighlight(h.id, { status: kick ? "accepted" : "rejected" });
    if (kick) accepted++;
    else rejected++;
  }
  for (const k of t.kicks) {
    if (hs.some((h) => on(h.startS, h.endS, k))) continue;
    await createHighlight(videoId, { label: "penalty", startS: k.start, endS: Math.min(k.end, t.durationS) });
    added++;
  }
  await setReviewComplete(videoId, true);
  return { accepted, rejected, added };
}

const t0 = Date.now();
const [A1, A2, B] = [
  await build("A1", "val", "1/2"),
  await build("A2", "val", "2/2"),
  await build("B", "test", "1/1"),
];
const owner = await db().user.findFirstOrThrow({ where: { role: "admin" } });
const ids = {
  A1: await upload(owner.id, "A1", A1),
  A2: await upload(owner.id, "A2", A2),
  B: await upload(owner.id, "B", B),
};
console.log(
  `analysing A1 (${s1(A1.durationS)} s), A2 (${s1(A2.durationS)} s) and B (${s1(B.durationS)} s) with the default model…`,
);
for (const id of Object.values(ids)) await analysed(id);
const before = await measureB(ids.B, B);
console.log(
  `B before: ${before.highlights} highlights, ${before.falseHighlights} false, recall ${before.found}/${before.events} (model ${before.version})`,
);
const decisions = { A1: await review(ids.A1, A1), A2: await review(ids.A2, A2) };
console.log(`editor on A: ${JSON.stringify(decisions)}`);

const tRetrain = Date.now();
const started = await startRetrain(owner.id);
let last = "";
const version = await waitFor("the retrain", async () => {
  const v = await db().modelVersion.findUniqueOrThrow({ where: { id: started.id } });
  const line = `  retrain: ${v.status} ${v.stage ?? ""} ${Math.round(v.progress * 100)} %`;
  if (line !== last) console.log((last = line));
  return ["ready", "refused", "failed"].includes(v.status) ? v : null;
});
const retrainS = (Date.now() - tRetrain) / 1000;
console.log(
  `retrain ${version.version}: ${version.status} in ${s1(retrainS)} s — ${version.verdict ?? version.error}`,
);
console.log(`  examples: ${JSON.stringify(version.examples)}`);

let after = before;
let rescoreS: number | null = null;
if (version.status === "ready") {
  const tAct = Date.now();
  await activateVersion(version.id);
  await waitFor("B's re-score", () =>
    db().analysis.findFirst({
      where: { videoId: ids.B, current: true, modelVersionId: version.id, status: "complete" },
    }),
  );
  rescoreS = (Date.now() - tAct) / 1000;
  after = await measureB(ids.B, B);
  const chunkJobs = await db().analysis.count({ where: { videoId: ids.B } });
  console.log(
    `B re-scored in ${s1(rescoreS)} s from ${after.featuresKey === before.featuresKey ? "the same cached features (no decode)" : "NEW features"}; analyses of B: ${chunkJobs}`,
  );
}
console.log(
  `B after:  ${after.highlights} highlights, ${after.falseHighlights} false, recall ${after.found}/${after.events} (model ${after.version})`,
);
const sweeps = {
  before: await sweep(before.analysisId, kicksOf(B), B.durationS),
  after: await sweep(after.analysisId, kicksOf(B), B.durationS),
};
console.log("B at fixed entry thresholds (false highlights, kicks found), before → after:");
sweeps.before.forEach((b, i) => {
  const a = sweeps.after[i]!;
  console.log(
    `  enter ${b.enter.toFixed(2)}: ${b.false} false, ${b.found}/${b.events} → ${a.false} false, ${a.found}/${a.events}`,
  );
});
const dropped = after.falseHighlights < before.falseHighlights;
console.log(
  `false highlights on B ${before.falseHighlights} → ${after.falseHighlights} (${dropped ? "dropped" : "did NOT drop"}), recall ${before.found}/${before.events} → ${after.found}/${after.events} (${after.found >= before.found ? "kept" : "LOST"})`,
);
console.log(
  JSON.stringify({
    A: {
      split: "val",
      videos: {
        A1: { s: s1(A1.durationS), kicks: A1.kicks.length },
        A2: { s: s1(A2.durationS), kicks: A2.kicks.length },
      },
      decisions,
    },
    B: { split: "test", s: s1(B.durationS), kicks: B.kicks.length },
    before: {
      highlights: before.highlights,
      false: before.falseHighlights,
      found: before.found,
      version: before.version,
    },
    after: {
      highlights: after.highlights,
      false: after.falseHighlights,
      found: after.found,
      version: after.version,
    },
    retrain: {
      status: version.status,
      seconds: s1(retrainS),
      verdict: version.verdict,
      examples: version.examples,
    },
    sweeps,
    rescoreSeconds: rescoreS === null ? null : s1(rescoreS),
    totalSeconds: s1((Date.now() - t0) / 1000),
  }),
);
await closeQueues();
await disconnectDb();
