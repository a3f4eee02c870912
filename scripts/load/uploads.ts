// The uploads of `npm run bench:load`: real clips through the real upload API (scripts/upload-client.ts:
// session, presigned parts, complete), started at even intervals over the load. An upload that fails
// (a restart under --chaos) is tried again as the browser's uploader would: the same file, name and date
// resume the same upload session, and each failed try counts as an error.
import path from "node:path";
import type { Recorder } from "./stats";
import { DATA, type Signed } from "./setup";
import { uploadFile } from "../upload-client";

// Ten clips of different lengths (5–17 s), frame rates and orientations, one of them 1080p; their video
// starts with their audio (issue #23 item 2 is about the clips whose video starts seconds later).
export const UPLOADS = [
  "clips/penalty/wc2022-jpn-cro/tiago_jpn-cro-wc2022-8.mp4",
  "clips/other/jnvillar_tot-lei_305_314.mp4",
  "clips/other/narya_ChevsArsHazardGoal.mp4",
  "clips/other/jnvillar_riv-boc_corto.mp4",
  "clips/other/osamashaaban_pl-ars-tot_vertical.mp4",
  "clips/other/soccer_broadcast_seriea_openplay.mp4",
  "clips/other/soccernet_mvfoul_action_2_clip_0.mp4",
  "clips/other/heejae_soccer.mp4",
  "clips/other/aloy4646_corner-028.mp4",
  "clips/other/eltiganihamad_right_attacking_clip.mp4",
];

export interface UploadResult {
  file: string;
  /** set once `complete` answered 2xx: the video that must end ready */
  videoId: string | null;
  tries: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `count` uploads, the i-th started at i × spacingS seconds, each tried until `giveUpAt`. */
export async function runUploads(
  by: Signed[],
  count: number,
  spacingS: number,
  giveUpAt: number,
  rec: Recorder,
  log: (l: string) => void,
): Promise<UploadResult[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await sleep(i * spacingS * 1000);
      const rel = UPLOADS[i % UPLOADS.length]!;
      const file = path.join(DATA, rel);
      const fileName = `load-${i + 1}-${path.basename(rel)}`;
      const editor = by[i % by.length]!;
      const result: UploadResult = { file: rel, videoId: null, tries: 0, seconds: 0 };
      for (;;) {
        result.tries++;
        const t0 = performance.now();
        try {
          const up = await uploadFile(editor.api, file, { fileName, parallel: 2 });
          result.seconds = (performance.now() - t0) / 1000;
          result.videoId = up.videoId;
          rec.timed("upload", performance.now() - t0);
          log(`upload ${i + 1}/${count} ${rel}: video ${up.videoId} in ${result.seconds.toFixed(1)} s`);
          return result;
        } catch (err) {
          const msg = (err as Error).message;
          rec.timed("upload", performance.now() - t0, `${rel} (try ${result.tries}): ${msg.slice(0, 200)}`);
          if (Date.now() > giveUpAt) {
            log(`upload ${i + 1}/${count} ${rel}: gave up after ${result.tries} tries: ${msg}`);
            return result;
          }
          await sleep(3000);
        }
      }
    }),
  );
}
