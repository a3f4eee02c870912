// What live mode leaves behind: clips of settled highlights, cut from the recorded segments, and the
// whole recording as a normal Video (then probed and analysed like an upload).
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { getObjectBytes, keys, presignGet, putObject, uploadStream } from "@/lib/platform/storage";
import { runFfmpeg } from "../ffmpeg/run";
import { clipSpec, concatList, recordingSpec } from "../ffmpeg/live-commands";
import { jobTempDir } from "../temp";

async function inTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await jobTempDir("live-rec");
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Cuts one settled highlight from the segments that cover it. A gap inside the range is simply absent
 * from the clip (segments are joined back to back), which is what a viewer would have seen live.
 */
export async function cutClip(liveHighlightId: string, signal: AbortSignal): Promise<"done" | "gone"> {
  const h = await db().liveHighlight.findUnique({ where: { id: liveHighlightId } });
  if (!h) return "gone";
  if (h.clipStatus === "ready") return "done";
  const segs = await db().liveSegment.findMany({
    where: { liveSourceId: h.liveSourceId, status: "recorded", key: { not: null }, startS: { lt: h.endS } },
    orderBy: [{ epoch: "asc" }, { seq: "asc" }],
  });
  const covering = segs.filter((s) => s.startS + s.durationS > h.startS);
  if (covering.length === 0) throw new Error("no recorded footage covers this highlight");
  const key = keys.liveClip(h.liveSourceId, h.id);
  await inTemp(async (dir) => {
    const files: string[] = [];
    for (const [i, s] of covering.entries()) {
      const file = path.join(dir, `${i}.${path.extname(s.key!).slice(1) || "ts"}`);
      await writeFile(file, await getObjectBytes(s.key!));
      files.push(file);
    }
    const list = path.join(dir, "list.txt");
    await writeFile(list, concatList(files));
    const out = path.join(dir, "clip.mp4");
    await runFfmpeg(clipSpec(list, h.startS - covering[0]!.startS, h.endS - h.startS, out), signal);
    await putObject(key, await readFile(out), "video/mp4");
  });
  await db().liveHighlight.update({
    where: { id: h.id },
    data: { clipStatus: "ready", clipKey: key, clipError: null },
  });
  return "done";
}

/**
 * Stream copy of every recorded segment, in order, into one MP4 → a Video row (then `probe`, which the
 * job returns when `made`). ffmpeg reads the segments through presigned URLs, so only the output
 * touches local disk.
 */
export async function finalizeRecording(
  liveSourceId: string,
  signal: AbortSignal,
): Promise<{ videoId: string | null; made: boolean }> {
  const src = await db().liveSource.findUnique({ where: { id: liveSourceId } });
  if (!src) return { videoId: null, made: false };
  if (src.videoId) return { videoId: src.videoId, made: false };
  const segs = await db().liveSegment.findMany({
    where: { liveSourceId, status: "recorded", key: { not: null } },
    orderBy: [{ epoch: "asc" }, { seq: "asc" }],
    select: { key: true },
  });
  if (segs.length === 0) {
    await db().liveSource.update({
      where: { id: liveSourceId },
      data: { recordingError: "nothing was recorded" },
    });
    return { videoId: null, made: false };
  }
  const videoId = randomUUID();
  const sourceKey = keys.source(videoId, "mp4");
  const size = await inTemp(async (dir) => {
    const urls = await Promise.all(
      segs.map((s) => presignGet(s.key!, { internal: true, expiresIn: 6 * 3600 })),
    );
    const list = path.join(dir, "list.txt");
    await writeFile(list, concatList(urls));
    const out = path.join(dir, "recording.mp4");
    await runFfmpeg(recordingSpec(list, out), signal);
    await uploadStream(sourceKey, createReadStream(out), "video/mp4");
    return (await stat(out)).size;
  });
  await db().$transaction([
    db().video.create({
      data: {
        id: videoId,
        ownerId: src.ownerId,
        title: src.title,
        originalName: `${src.title}.mp4`,
        sourceKey,
        size: BigInt(size),
      },
    }),
    db().liveSource.update({ where: { id: liveSourceId }, data: { videoId, recordingError: null } }),
  ]);
  childLogger({ liveSourceId, videoId }).info({ segments: segs.length, size }, "live recording finalised");
  return { videoId, made: true };
}
