import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { TAutoPath } from "@/lib/reframe/path";
import { greySpec } from "../ffmpeg/reframe-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { cameraPath } from "./camera";
import { GRID_H, GRID_W, motionTargets } from "./motion";

/** Splits a raw grey decode into frames (a torn last frame is dropped). */
export function greyFrames(buf: Uint8Array): Uint8Array[] {
  const size = GRID_W * GRID_H;
  const out: Uint8Array[] = [];
  for (let off = 0; off + size <= buf.length; off += size) out.push(buf.subarray(off, off + size));
  return out;
}

/** Rounds to 1/10000 of the width: the stored path stays small (a JSON number per frame). */
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The automatic crop path of a cut clip (a local file): motion targets for the narrowest crop (9:16,
 * `share` of the width; a wider crop follows the same centre), smoothed like a camera, per source frame.
 */
export async function analyseClip(
  clipPath: string,
  dir: string,
  o: { fps: number; startFrame: number; share: number },
  signal?: AbortSignal,
): Promise<TAutoPath> {
  const raw = path.join(dir, "grey.raw");
  await runFfmpeg(greySpec(clipPath, raw), signal);
  const frames = greyFrames(new Uint8Array(await readFile(raw)));
  await rm(raw, { force: true });
  return pathOfFrames(frames, o);
}

export function pathOfFrames(
  frames: Uint8Array[],
  o: { fps: number; startFrame: number; share: number },
): TAutoPath {
  const { targets, cuts } = motionTargets(frames, o.share, o.fps);
  const x = cameraPath(targets, cuts, o.fps).map(r4);
  return { startFrame: o.startFrame, x, cuts: cuts.map((c) => c + o.startFrame) };
}
