// Issue #27: one video's story in the logs. Info lines, written to a file this test reads back.
process.env.LOG_LEVEL = "info";

import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/route";
import type { SessionUser } from "@/lib/auth/session";
import { db, disconnectDb } from "@/lib/platform/db";
import { logToFile } from "@/lib/platform/logger";
import { jobNames } from "@/lib/pipeline/graph";
import { queueFor } from "@/lib/queue";
import { recordParts, startUpload, storePart } from "@/lib/uploads/service";
import { makeUser, sharedClip, waitFor } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { jobs } from "./jobs/registry";
import { startRuntime, type Runtime } from "./runtime";

// A kick the committed model finds (splits.json: test), so the analysis cuts a clip too.
const CLIP = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");
const logFile = path.join(await mkdtemp(path.join(tmpdir(), "correlation-")), "matchcut.log");
logToFile(logFile);

let runtime: Runtime;
let user: SessionUser;

beforeAll(async () => {
  // Only this upload's jobs may run here: the earlier files of the stage can leave jobs queued or delayed
  // (a janitor's next slot, a retry's backoff) and rows in the outbox, and this runtime would take them.
  await db().outboxJob.deleteMany({});
  for (const name of jobNames) await queueFor(name).obliterate({ force: true });
  runtime = startRuntime(jobs);
  const u = await makeUser();
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

interface Line {
  msg: string;
  job?: string;
  entry?: string;
  videoId?: string;
  analysisId?: string;
  highlightId?: string;
}

const readLines = async () =>
  (await readFile(logFile, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

describe("one correlation id from the upload route to the last job", () => {
  it(
    "puts the videoId on every line of every job the upload went through",
    { timeout: 400_000 },
    async () => {
      const bytes = await readFile(CLIP);
      const upload = await startUpload(user, {
        fileName: "kick.mp4",
        size: bytes.byteLength,
        lastModified: Date.now(),
        contentType: "video/mp4",
      });
      const { etag } = await storePart(user, upload.id, 1, Readable.from([bytes]), bytes.byteLength);
      await recordParts(user, upload.id, { parts: [{ partNumber: 1, etag, size: bytes.byteLength }] });
      const res = await call(completeRoute, {
        method: "POST",
        path: `/api/uploads/${upload.id}/complete`,
        params: { id: upload.id },
        cookie: await cookieFor(user.id),
        json: { parts: [{ partNumber: 1, etag }] },
      });
      expect(res.status).toBe(201);
      const { videoId } = (await res.json()) as { videoId: string };

      // Ready with its clips cut, and every job it led to (waveform, proxy pieces, filmstrip: which of them
      // run depends on the video) ended: as many jobs ended as started, twice a second apart.
      await waitFor(async () => {
        const v = await db().video.findUnique({ where: { id: videoId } });
        if (v?.status === "failed") throw new Error(`the video failed: ${v.error}`);
        if (v?.status !== "ready") return null;
        const hs = await db().highlight.findMany({ where: { videoId } });
        return hs.length > 0 && hs.every((h) => h.clipStatus === "ready") ? hs : null;
      }, 380_000);
      let settled = "";
      await waitFor(async () => {
        const ls = await readLines();
        const started = ls.filter((l) => l.msg === "job started").length;
        const ended = ls.filter((l) => /^job (done|failed|cancelled)/.test(l.msg)).length;
        const now = `${started}/${ended}`;
        const done = started === ended && now === settled;
        settled = now;
        if (!done) await new Promise((r) => setTimeout(r, 1_000));
        return done ? true : null;
      }, 300_000);

      const raw = (await readFile(logFile, "utf8")).split("\n").filter(Boolean);
      const lines = await readLines();
      const mine = lines.filter((l) => l.videoId === videoId);

      // `grep <videoId>` finds the route's line and lines of every job kind the upload went through.
      expect(mine.some((l) => l.entry === "upload complete" && l.job === "probe")).toBe(true);
      const kinds = new Set(mine.map((l) => l.job));
      // Which side jobs run depends on the video (a waveform, proxy pieces, a filmstrip the chunks did not
      // make); these always do, and every kind that ran must be found.
      const ran = new Set(lines.filter((l) => l.msg === "job started").map((l) => l.job!));
      for (const kind of ["probe", "analyze", "analyze-chunk", "analyze-finalize", "cut-clip", "notify"]) {
        expect([...ran], kind).toContain(kind);
      }
      console.log(
        `job kinds run: ${[...ran].sort().join(", ")}; with the videoId: ${[...kinds].sort().join(", ")}`,
      );
      for (const kind of ran) expect([...kinds], kind).toContain(kind);

      // Every line a job wrote carries the id (only this video's jobs ran, whichever kinds they were), and
      // the ids that apply.
      const inJobs = lines.filter((l) => l.job !== undefined && l.entry === undefined);
      expect(inJobs.length).toBeGreaterThan(ran.size);
      for (const l of inJobs) expect(l.videoId, `${l.job}: ${l.msg}`).toBe(videoId);
      for (const l of inJobs.filter((l) =>
        ["analyze-chunk", "analyze-finalize", "cut-clip"].includes(l.job!),
      )) {
        expect(l.analysisId, `${l.job}: ${l.msg}`).toBeDefined();
      }
      for (const l of inJobs.filter((l) => l.job === "cut-clip")) expect(l.highlightId).toBeDefined();
      // Each id is written once per line, however many loggers bound it.
      for (const l of raw.filter((r) => r.includes(videoId))) expect(l.split('"videoId"').length).toBe(2);
    },
  );
});
