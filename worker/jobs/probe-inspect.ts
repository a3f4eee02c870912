import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { getObjectRange } from "@/lib/platform/storage";
import { keyframeTimes, runProbe } from "../ffmpeg/ffprobe";
import { decidePlayback, type Playback } from "../ffmpeg/playable";
import { limitRefusal } from "../ffmpeg/limits";
import {
  frameCountOf,
  type MediaInfo,
  mediaInfoFrom,
  parseRate,
  posterSpec,
  posterTime,
  probeFailure,
  UnplayableError,
} from "../ffmpeg/media";
import { runFfmpeg } from "../ffmpeg/run";
import { sniff, SNIFF_BYTES, type SourceHead } from "../ffmpeg/sniff";

// The probe job's checks (issue #16): what the first bytes say, what ffprobe says, the limits.

/** The size and first bytes of the uploaded object (one range request). */
export async function headOf(key: string, size: number): Promise<SourceHead> {
  if (size === 0) return { size, head: new Uint8Array() };
  const got = await getObjectRange(key, `bytes=0-${SNIFF_BYTES - 1}`);
  if (!got) throw new UnplayableError("the uploaded file could not be found in storage");
  const parts: Buffer[] = [];
  for await (const chunk of got.body as AsyncIterable<Buffer>) parts.push(chunk);
  return { size, head: new Uint8Array(Buffer.concat(parts)) };
}

/**
 * Media facts of a source, or an UnplayableError saying specifically why it is not a video we take; and
 * whether the browser plays it as it is (issue #25).
 */
export async function inspect(url: string, src: SourceHead): Promise<MediaInfo & { playback: Playback }> {
  const sniffed = sniff(src);
  if (sniffed) throw new UnplayableError(sniffed);
  const { data, stderr } = await runProbe(url);
  if (!data) throw new UnplayableError(probeFailure(stderr, src.head));
  const info = mediaInfoFrom(data);
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const limits = {
    maxDurationS: env().MAX_VIDEO_DURATION_S,
    minFps: env().MIN_VIDEO_FPS,
    minSidePx: env().MIN_VIDEO_SIDE_PX,
  };
  const refused = limitRefusal(info, frameCountOf(data), parseRate(video?.avg_frame_rate), limits);
  if (refused) throw new UnplayableError(refused);
  const keys = await keyframeTimes(url);
  const playback = decidePlayback(data, {
    head: src.head,
    keyframes: keys?.keyframes ?? null,
    keyframesUntilS: keys?.untilS ?? 0,
  });
  return { ...info, playback };
}

const written = (p: string) =>
  stat(p).then(
    (s) => s.size > 0,
    () => false,
  );

/**
 * A JPEG of an early frame. An input seek lands on the keyframe before the time, and drops what it
 * cannot decode after it: in an MPEG-TS with one keyframe at its start nothing is left, so ffmpeg
 * exits 0 having written no file. Then the very first frame is taken.
 */
export async function makePoster(url: string, durationS: number, dir: string, signal: AbortSignal) {
  const out = path.join(dir, "poster.jpg");
  await runFfmpeg(posterSpec(url, posterTime(durationS), out), signal);
  if (!(await written(out))) await runFfmpeg(posterSpec(url, 0, out), signal);
  if (!(await written(out))) throw new UnplayableError("no frame of the video could be decoded");
  return new Uint8Array(await readFile(out));
}
