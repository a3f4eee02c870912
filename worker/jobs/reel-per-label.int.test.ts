// Issue #14 item 4: the reel, the clips ZIP and the exports of one label, through the real route handlers
// (real Postgres, Redis, S3 and ffmpeg). The source's frames carry their own index, so the reel's frames
// show which highlights went in.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { GET as zipGet } from "@/app/api/videos/[id]/clips.zip/route";
import { GET as exportGet } from "@/app/api/videos/[id]/export/route";
import { GET as reelGet, POST as reelPost } from "@/app/api/videos/[id]/reel/route";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import type { TReelDto } from "@/lib/schemas/highlights";
import { getObjectBytes } from "@/lib/platform/storage";
import {
  type HighlightSpan,
  makeHighlights,
  makeUser,
  makeVideo,
  readFixture,
  waitFor,
} from "@/test/fixtures";
import { ffprobeJson, frameIndices, makeIndexedVideo } from "@/test/media";
import { call, cookieFor } from "@/test/routes";
import { startRuntime, type Runtime } from "../runtime";
import { buildReelJob } from "./build-reel";
import { cutClipJob } from "./cut-clip";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { reelLifecycle } from "@/lib/clips/lifecycle";

let runtime: Runtime;
let tmp: string;
let cookie: string;

beforeAll(async () => {
  runtime = startRuntime([cutClipJob, buildReelJob] as JobDefinition[]);
  tmp = await mkdtemp(path.join(tmpdir(), "reel-per-label-"));
  cookie = await cookieFor((await makeUser("editor")).id);
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

// An accepted penalty, suggested goals: the reel rule applies within the label, so a goal reel takes
// the goals not rejected (none is accepted) while an all-labels reel would take the penalty alone.
const SPANS: HighlightSpan[] = [
  ["goal", 1.0, 2.0, "suggested"], // frames 25..49
  ["penalty", 2.4, 3.6, "accepted"], // frames 60..89
  ["goal", 4.0, 5.2, "suggested"], // frames 100..129
  ["goal", 6.0, 7.0, "rejected"],
  ["penalty", 7.2, 7.8, "suggested"],
];

async function seed() {
  const file = path.join(tmp, "src.mp4");
  await makeIndexedVideo(file, { seconds: 8, rate: "25" });
  const owner = await makeUser();
  const v = await makeVideo(owner.id, await readFixture(file), "derby.mp4");
  const video = await db().video.update({
    where: { id: v.id },
    data: {
      title: "Derby",
      ...videoLifecycle.seed("ready"),
      fps: 25,
      durationS: 8,
      width: 160,
      height: 90,
      hasAudio: true,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: video.id,
      modelId: "test",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const highlights = await makeHighlights(video.id, analysis.id, SPANS);
  return { video, highlights };
}

const at = (videoId: string, query = "") => ({
  method: "GET",
  path: `/api/videos/${videoId}/x${query}`,
  params: { id: videoId },
  cookie,
});

async function errorOf(res: Response): Promise<[number, string]> {
  return [res.status, ((await res.json()) as { error: string }).error];
}

function unzipNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip"));
      const names: string[] = [];
      zip.on("entry", (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.readEntry();
    });
  });
}

describe("downloads of one label (routes, real services)", () => {
  it("builds a reel of one label: only that label's highlights, by the rule within the label", async () => {
    const { video } = await seed();
    const post = (json: unknown) =>
      call(reelPost, {
        method: "POST",
        path: `/api/videos/${video.id}/reel`,
        params: { id: video.id },
        cookie,
        json,
      });

    // A label the analysis has no highlight of: 400 naming the ones it has; a blank one: 422.
    expect(await errorOf(await post({ label: "save" }))).toEqual([
      400,
      'This video\'s current analysis has no highlights labelled "save" (its labels are goal, penalty)',
    ]);
    expect((await post({ label: " " })).status).toBe(422);
    // What each build would take, before any reel exists.
    const before = (await (await call(reelGet, at(video.id, "?label=goal"))).json()) as TReelDto;
    expect(before).toMatchObject({
      forLabel: "goal",
      rule: "not-rejected",
      count: 2,
      label: null,
      url: null,
    });
    const allBefore = (await (await call(reelGet, at(video.id))).json()) as TReelDto;
    expect(allBefore).toMatchObject({ forLabel: null, rule: "accepted", count: 1 });

    const asked = await post({ label: "goal" });
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as TReelDto).status).toBe("cutting");
    const row = await waitFor(async () => {
      const r = await db().video.findUnique({ where: { id: video.id } });
      if (r?.reelStatus === "failed") throw new Error(`reel failed: ${r.reelError}`);
      return r?.reelStatus === "ready" ? r : null;
    }, 120_000);
    expect(row.reelLabel).toBe("goal");

    const file = path.join(tmp, "goal-reel.mp4");
    await writeFile(file, await getObjectBytes(row.reelKey!));
    const indices = await frameIndices(file);
    // The two goals not rejected, end to end; the accepted penalty and the rejected goal left out.
    expect(indices).toEqual([
      ...Array.from({ length: 25 }, (_, k) => 25 + k),
      ...Array.from({ length: 30 }, (_, k) => 100 + k),
    ]);
    const duration = Number((await ffprobeJson(file)).format.duration);
    const goalsS = (25 + 30) / 25;
    expect(Math.abs(duration - goalsS)).toBeLessThanOrEqual(2 / 25); // ± one frame per clip
    console.log(
      `goal reel: ${indices.length} frames, ${duration}s; the goals not rejected sum to ${goalsS}s`,
    );

    const after = (await (await call(reelGet, at(video.id))).json()) as TReelDto;
    expect(after).toMatchObject({ status: "ready", label: "goal", downloadName: "derby_goal_reel.mp4" });
    expect(after.url).toContain("derby_goal_reel.mp4");
  });

  it("fails the reel with a message when its label left the analysis after it was asked for", async () => {
    const { video } = await seed();
    // What a re-analysis between the request and the build looks like to the job: no "save" highlight.
    await db().video.update({ where: { id: video.id }, data: { ...reelLifecycle.seed("cutting") } });
    await startJob(
      db(),
      "reel asked for",
      "build-reel",
      { videoId: video.id, label: "save" },
      { nonce: "gone" },
    );
    const row = await waitFor(async () => {
      const r = await db().video.findUnique({ where: { id: video.id } });
      return r?.reelStatus === "failed" ? r : null;
    }, 60_000);
    expect(row.reelError).toContain('no highlights labelled "save" (its labels are goal, penalty)');
    expect([row.reelKey, row.reelLabel]).toEqual([null, null]);
  });

  it("zips and exports one label's highlights, named for it; unknown or blank labels are a 400", async () => {
    const { video, highlights } = await seed();
    for (const h of highlights.filter((x) => x.status !== "rejected"))
      await startJob(db(), "highlights edited", "cut-clip", { highlightId: h.id, revision: 0 });
    await waitFor(async () => {
      const hs = await db().highlight.findMany({ where: { videoId: video.id, status: { not: "rejected" } } });
      if (hs.some((h) => h.clipStatus === "failed")) throw new Error("a cut failed");
      return hs.every((h) => h.clipStatus === "ready") ? hs : null;
    }, 120_000);

    const goals = await call(zipGet, at(video.id, "?label=goal"));
    expect(goals.status).toBe(200);
    expect(goals.headers.get("content-disposition")).toBe('attachment; filename="derby_goal_clips.zip"');
    // Numbered among all goals (the rejected third keeps its number), so names match the cards.
    expect(await unzipNames(Buffer.from(await goals.arrayBuffer()))).toEqual([
      "derby_goal_01_00m01s.mp4",
      "derby_goal_02_00m04s.mp4",
    ]);
    const every = await call(zipGet, at(video.id));
    expect(every.headers.get("content-disposition")).toBe('attachment; filename="derby_clips.zip"');
    expect(await unzipNames(Buffer.from(await every.arrayBuffer()))).toHaveLength(4);

    const csv = await call(exportGet, at(video.id, "?format=csv&label=penalty"));
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="derby_penalty_highlights.csv"',
    );
    const rows = parseCsv(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.name, r.label, r.start_frame, r.end_frame])).toEqual([
      ["Penalty 1", "penalty", "60", "90"],
      ["Penalty 2", "penalty", "180", "195"],
    ]);
    const json = (await (await call(exportGet, at(video.id, "?format=json&label=goal"))).json()) as {
      highlights: { label: string; startFrame: number }[];
    };
    expect(json.highlights.map((h) => [h.label, h.startFrame])).toEqual([
      ["goal", 25],
      ["goal", 100],
    ]);

    for (const [handler, q] of [
      [zipGet, "?label=save"],
      [exportGet, "?format=edl&label=save"],
      [reelGet, "?label=save"],
    ] as const) {
      expect(await errorOf(await call(handler, at(video.id, q)))).toEqual([
        400,
        'This video\'s current analysis has no highlights labelled "save" (its labels are goal, penalty)',
      ]);
    }
    expect(await errorOf(await call(zipGet, at(video.id, "?label=")))).toEqual([
      400,
      "The label is empty: name one, or leave label out for every label",
    ]);
  });
});
