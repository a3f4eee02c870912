// Issue #29: the automatic 9:16 crop path on the test split's penalty clips (models/tools/splits.json:
// wc2022-bra-cro, ucl2012-bay-che), against a reference marked by hand (models/reframe/reference.json:
// the ball's and the kicker's boxes on one frame in four, looked at frame by frame). Real ffmpeg decode,
// the real motion analysis and camera path (worker/reframe/analyse.ts) and the render's crop maths
// (lib/reframe/path.ts). Reports the share of marked frames whose marked boxes are both inside the crop
// and the path's largest per-frame jump outside cuts, and writes a contact sheet per clip (one frame a
// second, the crop box drawn) to e2e/artifacts/reframe-sheets/, which CI keeps.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { cropShare, cropSize } from "@/lib/reframe/aspect";
import { cropLefts, largestJump } from "@/lib/reframe/path";
import { sharedClip } from "@/test/match";
import { sendcmdScript, sheetSpec } from "../ffmpeg/reframe-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { analyseClip } from "./analyse";

const SHEETS = path.resolve("e2e/artifacts/reframe-sheets");
const COPY_W = 640;
const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable();
const Reference = z.object({
  note: z.string(),
  every: z.number().int().positive(),
  clips: z.array(
    z.object({
      path: z.string(),
      marks: z.array(z.object({ frame: z.number().int().nonnegative(), ball: Box, kicker: Box })),
    }),
  ),
});
// every penalty clip of the test split (the manifest's rows for its two matches)
const TEST_CLIPS = [
  ...["Lampard", "Mata", "Olic"].map((n) => `clips/penalty/ucl2012-bay-che/arione_Penalty_${n}.mp4`),
  ...[1, 2, 3, 4, 5, 6, 8].map((n) => `clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-${n}.mp4`),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `clips/penalty/wc2022-bra-cro/urdof7_VID_2_KICK_${n}.mp4`),
];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "reframe-reference-"));
  await mkdir(SHEETS, { recursive: true });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function videoFacts(file: string): Promise<{ width: number; height: number; fps: number }> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    ...["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate"],
    ...["-of", "json", file],
  ]);
  const s = (JSON.parse(stdout) as { streams: { width: number; height: number; r_frame_rate: string }[] })
    .streams[0]!;
  const [num, den] = s.r_frame_rate.split("/").map(Number) as [number, number];
  return { width: s.width, height: s.height, fps: num / (den || 1) };
}

/**
 * The automatic 9:16 path of a whole clip: left edges in pixels of a 640-wide copy (even, as the render
 * crops). The copy is re-timed to every decoded frame in order from 0, as the cutter's clips are: two
 * of these files start with seconds of frames before their MP4 edit list (negative times) that a plain
 * decode drops, and the reference counts them (frame n is the n-th frame decoded). 640 px: the analysis
 * reads 128×72 and the sheets 480-px tiles, and the crop is the same share of the width at any size.
 */
async function pathOf(rel: string) {
  const src = await videoFacts(sharedClip(rel));
  const dir = await mkdtemp(path.join(tmp, "clip-"));
  const file = path.join(dir, "clip.mp4");
  await promisify(execFile)("ffmpeg", [
    ...["-v", "error", "-i", sharedClip(rel), "-map", "0:v:0"],
    ...["-vf", `setpts=N/(${src.fps}*TB),scale=${COPY_W}:-2`, "-fps_mode", "passthrough"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", "-an", file],
  ]);
  const v = { ...(await videoFacts(file)), fps: src.fps };
  const share = cropShare("9:16", v.width, v.height);
  const { w, h } = cropSize("9:16", v.width, v.height);
  const auto = await analyseClip(file, dir, { fps: v.fps, startFrame: 0, share });
  const lefts = cropLefts({ auto, keys: [], locked: false }, v.fps, 0, auto.x.length, share);
  const px = lefts.map((l) => Math.min(v.width - w, 2 * Math.round((l * v.width) / 2)));
  return { file, dir, v, src, w, h, share, auto, lefts, px };
}

/**
 * A marked box is inside the crop when its whole width is; a box wider than the crop (a close-up of the
 * kicker) when the crop lies wholly within it, as much of it as any crop can show. Full height: only x.
 */
type Box4 = [number, number, number, number];
const inside = (box: Box4, left: number, w: number) =>
  box[2] - box[0] <= w ? box[0] >= left && box[2] <= left + w : left >= box[0] && left + w <= box[2];

describe("the automatic 9:16 crop on the test split's penalty clips (hand-marked reference)", () => {
  it(
    "keeps the marked ball and kicker inside the crop, moves smoothly, and draws a contact sheet per clip",
    {
      timeout: 900_000,
    },
    async () => {
      const ref = Reference.parse(JSON.parse(await readFile("models/reframe/reference.json", "utf8")));
      let frames = 0;
      let both = 0;
      let worstJump = 0;
      const lines: string[] = [];
      for (const rel of TEST_CLIPS) {
        const p = await pathOf(rel);
        const jump = largestJump(p.lefts, p.auto.cuts);
        worstJump = Math.max(worstJump, jump);
        const cmd = path.join(p.dir, "box.cmd");
        await writeFile(cmd, sendcmdScript(p.px, p.v.fps, "drawbox@crop"));
        const sheet = path.join(SHEETS, `${path.basename(rel, ".mp4")}_9x16.png`);
        await runFfmpeg(
          sheetSpec(p.file, cmd, { w: p.w, h: p.h }, { fps: p.v.fps, frames: p.px.length, cols: 4 }, sheet),
        );
        const marked = ref.clips.find((c) => c.path === rel);
        let clipFrames = 0;
        let clipBoth = 0;
        for (const m of marked?.marks ?? []) {
          const boxes = [m.ball, m.kicker].filter((b) => b !== null);
          if (boxes.length === 0) continue;
          expect(m.frame, `${rel}: marked frame ${m.frame} is past its ${p.px.length} frames`).toBeLessThan(
            p.px.length,
          );
          clipFrames++;
          const scale = p.v.width / p.src.width;
          if (boxes.every((b) => inside(b.map((x) => x * scale) as Box4, p.px[m.frame]!, p.w))) clipBoth++;
        }
        frames += clipFrames;
        both += clipBoth;
        lines.push(
          `${path.basename(rel)}: ${p.px.length} frames, ${p.auto.cuts.length} cuts, largest jump ${(jump * 100).toFixed(2)} % of the width` +
            (marked ? `, marked ${clipFrames}: both inside ${clipBoth}` : ", not marked"),
        );
      }
      const share = frames ? both / frames : 0;
      console.log(
        [
          ...lines,
          `marked frames with ball and kicker inside the 9:16 crop: ${both} / ${frames} = ${(share * 100).toFixed(1)} % (target ≥ 90 %)`,
          `largest per-frame jump outside cuts: ${(worstJump * 100).toFixed(2)} % of the width (target ≤ 2 %)`,
          `contact sheets: ${SHEETS}`,
        ].join("\n"),
      );
      expect(frames).toBeGreaterThan(0);
      // The target is 90 %; the automatic path (motion only, written before the reference was
      // marked and not changed after) measured 215 / 318 = 67.6 % on 2026-12-07 (docs/known-limits.md).
      // This floor only catches a path that does worse than that; it is not the target.
      expect(share).toBeGreaterThanOrEqual(0.65);
      expect(worstJump).toBeLessThanOrEqual(0.02);
    },
  );
});
