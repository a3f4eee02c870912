// Before the load of `npm run bench:load`: editor accounts made by the admin through the users API,
// each signed in through the login route; a few seed videos uploaded and analysed like any upload; and
// one highlight per editor, marked in the review room's API, which that editor then edits under load.
import path from "node:path";
import type { TReviewDto } from "@/lib/schemas/review";
import type { TVideoDto } from "@/lib/schemas/videos";
import type { OwnHighlight } from "./editors";
import { signIn, uploadFile, type Api } from "../upload-client";

export const DATA = path.resolve("../shared/data");

// The rooms the editors work in: short broadcast clips of low resolution, because every editor's mark
// and edit queues a clip cut from the source, and 50 of those at 1080p keep a shared 2-core machine busy
// for minutes before the load even starts.
export const SEEDS = [
  "clips/other/soccernet_mvfoul_action_0_clip_0.mp4",
  "clips/other/opensportslab_clip_1.mp4",
  "clips/other/narya_IndiaThailand.mp4",
];

export const EDITOR_PASSWORD = "load-editor-password";

export interface Signed {
  email: string;
  api: Api;
}

/** Creates `count` editors (or finds them from an earlier run) and signs each in. */
export async function signInEditors(url: string, admin: Api, count: number): Promise<Signed[]> {
  const { users } = await admin<{ users: { email: string }[] }>("/api/users");
  const have = new Set(users.map((u) => u.email));
  const out: Signed[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `editor${i}@load.local`;
    if (!have.has(email)) {
      await admin("/api/users", {
        body: { email, name: `Load editor ${i}`, password: EDITOR_PASSWORD, role: "editor" },
      });
    }
    out.push({ email, api: await signIn(url, email, EDITOR_PASSWORD) });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a video until it is ready (throws on failed, or after `timeoutS` with its last state). */
export async function waitReady(api: Api, videoId: string, timeoutS: number): Promise<TVideoDto> {
  const until = Date.now() + timeoutS * 1000;
  for (;;) {
    const v = await api<TVideoDto>(`/api/videos/${videoId}`);
    if (v.status === "ready") return v;
    if (v.status === "failed") throw new Error(`seed video ${v.title} failed: ${v.error}`);
    if (Date.now() > until)
      throw new Error(`seed video ${v.title} not ready after ${timeoutS} s (${v.status}, ${v.stage})`);
    await sleep(1000);
  }
}

export interface Seed {
  videoId: string;
  durationS: number;
  label: string;
}

/** Uploads the seed clips (by the first editor) and waits until each is analysed. */
export async function uploadSeeds(api: Api, log: (l: string) => void): Promise<Seed[]> {
  const ids = [];
  for (const [i, rel] of SEEDS.entries()) {
    const fileName = `seed-${i + 1}-${path.basename(rel)}`;
    const { videoId } = await uploadFile(api, path.join(DATA, rel), { fileName });
    ids.push(videoId);
  }
  log(`seed videos uploaded: ${ids.join(", ")}; waiting for their analyses`);
  return Promise.all(
    ids.map(async (id) => {
      const v = await waitReady(api, id, 600);
      const review = await api<TReviewDto>(`/api/videos/${id}/review`);
      const labels = review.scores?.labels.filter((l) => l !== "background") ?? Object.keys(review.params);
      if (!labels[0]) throw new Error(`seed video ${v.title}: the analysis names no label`);
      return { videoId: id, durationS: v.durationS ?? 0, label: labels[0] };
    }),
  );
}

/** Each editor marks one highlight of its own on a seed video (round robin), as the review room does. */
export async function markHighlights(editors: Signed[], seeds: Seed[]): Promise<OwnHighlight[]> {
  const out: OwnHighlight[] = [];
  for (const [i, e] of editors.entries()) {
    const seed = seeds[i % seeds.length]!;
    const len = 1;
    const startS = +((i * 0.2) % Math.max(0.2, seed.durationS - len - 0.2)).toFixed(2);
    const endS = +(startS + len).toFixed(2);
    const h = await e.api<{ id: string }>(`/api/videos/${seed.videoId}/review/highlights`, {
      body: { label: seed.label, startS, endS },
    });
    out.push({
      videoId: seed.videoId,
      highlightId: h.id,
      startS,
      endS,
      status: "edited",
      durationS: seed.durationS,
    });
  }
  return out;
}

/** One request of each kind the editors make, so that no route's first-load time is in the figures. */
export async function warmUp(api: Api, videoId: string): Promise<void> {
  for (const p of ["/", `/videos/${videoId}`]) {
    const res = await fetch(new URL(p, api.url), { headers: { cookie: api.cookie } });
    if (!res.ok) throw new Error(`warm-up GET ${p}: HTTP ${res.status}`);
    await res.text();
  }
  for (const p of ["/api/videos?page=1", "review", "highlights", "reel"])
    await api(p.startsWith("/") ? p : `/api/videos/${videoId}/${p}`);
}
