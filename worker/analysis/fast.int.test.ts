// Issue #28: fast mode (keyframe pass, then the 4-fps analysis only inside its regions) finds the same
// highlights as the full analysis, within 0.5 s, on real footage with a held-out (test split) kick and a
// strict 2-s GOP whose keyframes do not line up with the clips' cuts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { loadModel, type LoadedModel } from "@/lib/model";
import { buildMatch, KICK_MATCH_CLIPS } from "@/test/match";
import { coverage, loadCandidate, type TCandidateModel } from "./candidates";
import { fastAnalyze, fastSegments } from "./fast";
import { analyze, toTracks } from "./pipeline";

let dir: string;
let file: string;
let kick: { start: number; end: number };
let model: LoadedModel;
let candidate: TCandidateModel;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "fast-"));
  file = path.join(dir, "match.mp4");
  const { starts, durations } = await buildMatch(KICK_MATCH_CLIPS, file, { keyframeEveryS: 2 });
  kick = { start: starts[1]!, end: starts[1]! + durations[1]! };
  model = await loadModel();
  candidate = (await loadCandidate(model))!;
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fast analysis", () => {
  it("finds the full analysis's highlights within 0.5 s, decoding at 4 fps only part of the match", async () => {
    const params = model.manifest.segmentDefaults;
    const whole = await analyze({ input: file, model });
    const durationS = (whole.frameCount + whole.leadFrames) / model.manifest.sampleRate;
    const full = deriveAllSegments(toTracks(whole.timeline), params, durationS);
    // the full analysis finds the kick, or this test would compare nothing
    expect(full.some((s) => s.start < kick.end && s.end > kick.start)).toBe(true);

    const r = await fastAnalyze({ input: file, model, candidate, durationS });
    expect(r.coarse.sampler).toBe("keyframes");
    expect(r.coarse.timesS.length).toBeGreaterThanOrEqual(Math.floor(durationS / 2));
    expect(coverage(r.regions, durationS)).toBeLessThan(0.6);
    const fast = fastSegments(r, params, durationS);
    expect(fast.length).toBe(full.length);
    fast.forEach((s, i) => {
      expect(Math.abs(s.start - full[i]!.start)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(s.end - full[i]!.end)).toBeLessThanOrEqual(0.5);
    });
  }, 300_000);
});
