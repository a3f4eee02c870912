// Shared helpers for integration tests: real Postgres, Redis, S3 and ffmpeg (started by scripts/test.sh).
// The media makers (no database) live in ./match, which the e2e specs import too.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { keys, putObject } from "@/lib/platform/storage";

export { buildMatch, durationOf, ffmpegMake, KICK_MATCH_CLIPS, SHARED_DATA, sharedClip } from "./match";

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

export async function waitFor<T>(fn: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 250));
  }
}

export type HighlightSpan = readonly [
  label: string,
  startS: number,
  endS: number,
  status: "suggested" | "accepted" | "rejected",
];

/** Highlights of an analysis, created in the order given (peak 0.9, mean 0.8). */
export async function makeHighlights(videoId: string, analysisId: string, spans: readonly HighlightSpan[]) {
  const highlights = [];
  for (const [label, startS, endS, status] of spans) {
    highlights.push(
      await db().highlight.create({
        data: { videoId, analysisId, label, startS, endS, peak: 0.9, mean: 0.8, status },
      }),
    );
  }
  return highlights;
}
