// Shared helpers for integration tests: real Postgres, Redis, S3 and ffmpeg (started by scripts/test.sh).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "../lib/db";
import { keys, putObject } from "../lib/storage";

export const SHARED_DATA = path.resolve("../shared/data");
export const sharedClip = (rel: string) => path.join(SHARED_DATA, rel);

export async function makeUser(role: "admin" | "editor" | "viewer" = "editor") {
  return db().user.create({
    data: { email: `${role}-${randomUUID()}@test.local`, name: `Test ${role}`, role, passwordHash: "x" },
  });
}

/** Puts bytes in S3 where an upload would, and creates the Video row the complete route creates. */
export async function makeVideo(ownerId: string, bytes: Uint8Array, fileName: string) {
  const id = randomUUID();
  const sourceKey = keys.source(id, path.extname(fileName).slice(1));
  await putObject(sourceKey, bytes, "application/octet-stream");
  return db().video.create({
    data: { id, ownerId, title: fileName, originalName: fileName, sourceKey, size: BigInt(bytes.byteLength) },
  });
}

export const readFixture = (p: string) => readFile(p).then((b) => new Uint8Array(b));

export async function ffmpegMake(args: string[]): Promise<void> {
  await promisify(execFile)("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Concatenates real clips into one 720p25 H.264 "match" (video only), returning where each clip starts.
 * Used to place a penalty kick at a known time among other footage.
 */
/** Container duration in seconds, by ffprobe, of a path or URL. */
export async function durationOf(input: string): Promise<number> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    ...["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", input],
  ]);
  return Number.parseFloat(stdout);
}

export async function buildMatch(
  clips: string[],
  out: string,
): Promise<{ starts: number[]; durations: number[] }> {
  const durations: number[] = [];
  for (const c of clips) durations.push(await durationOf(c));
  const inputs = clips.flatMap((c) => ["-i", c]);
  const scaled = clips
    .map(
      (_, i) =>
        `[${i}:v]scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,format=yuv420p[v${i}]`,
    )
    .join(";");
  const concat = `${clips.map((_, i) => `[v${i}]`).join("")}concat=n=${clips.length}:v=1:a=0[out]`;
  await ffmpegMake([
    ...inputs,
    "-filter_complex",
    `${scaled};${concat}`,
    "-map",
    "[out]",
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "23",
    out,
  ]);
  // fps=25 rounds each clip to whole frames; starts follow the rounded lengths.
  const rounded = durations.map((d) => Math.round(d * 25) / 25);
  const starts = rounded.map((_, i) => rounded.slice(0, i).reduce((a, b) => a + b, 0));
  return { starts, durations: rounded };
}
