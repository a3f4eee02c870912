// Issue #29: the branded reel and the shoot-out reel, through the real routes and the build-reel job
// (real Postgres, Redis, S3 and ffmpeg) on the test split's shoot-out (wc2022-bra-cro). Checked by
// pixels: the first frames are the intro card with the uploaded logo in the chosen corner, each kick
// is the source's kick in order, and the outro card shows the tally the editor tagged.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as brandPatch } from "@/app/api/admin/brand/route";
import { PUT as logoPut } from "@/app/api/admin/brand/logo/route";
import { PATCH as highlightPatch } from "@/app/api/highlights/[id]/route";
import { POST as reelPost } from "@/app/api/videos/[id]/reel/route";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { getObjectBytes } from "@/lib/platform/storage";
import {
  buildShootout,
  chapterTitles,
  frameCount,
  makeLogo,
  rawFrame,
  regionDiff,
  sameRegionDiff,
  SHOOTOUT_SIZE,
} from "@/test/brand";
import { makeHighlights, makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { APP_ORIGIN, call, cookieFor } from "@/test/routes";
import { dateText } from "../clips/reel-dress";
import { dressGraph, logoGeometry, logoPosition } from "../ffmpeg/brand-commands";
import { ffmpegMake } from "@/test/match";
import { startRuntime, type Runtime } from "../runtime";
import { buildReelJob } from "./build-reel";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let runtime: Runtime;
let tmp: string;
let admin: string;
let editor: string;
const TAGS = ["scored", "missed", "scored", "scored", "scored", "scored", "missed"] as const;

beforeAll(async () => {
  runtime = startRuntime([buildReelJob] as JobDefinition[]);
  tmp = await mkdtemp(path.join(tmpdir(), "brand-reel-"));
  admin = await cookieFor((await makeUser("admin")).id);
  editor = await cookieFor((await makeUser("editor")).id);
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

const putLogo = (cookie: string, body: Uint8Array) =>
  call(logoPut, {
    method: "PUT",
    path: "/api/admin/brand/logo",
    cookie,
    body: Buffer.from(body),
    headers: { "content-type": "application/octet-stream", origin: APP_ORIGIN() },
  });

async function reelOf(videoId: string, json: unknown): Promise<string> {
  const res = await call(reelPost, {
    method: "POST",
    path: `/api/videos/${videoId}/reel`,
    params: { id: videoId },
    cookie: editor,
    json,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const row = await waitFor(async () => {
    const r = await db().video.findUnique({ where: { id: videoId } });
    if (r?.reelStatus === "failed") throw new Error(`reel failed: ${r.reelError}`);
    return r?.reelStatus === "ready" ? r : null;
  }, 300_000);
  const file = path.join(tmp, `reel-${videoId}.mp4`);
  await writeFile(file, await getObjectBytes(row.reelKey!));
  return file;
}

describe("brand logo upload (route)", () => {
  it("takes PNG/JPEG/WebP by their bytes and refuses SVG, other files, oversize files and non-admins", async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    let res = await putLogo(admin, svg);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/SVG .* not accepted/);
    res = await putLogo(admin, new TextEncoder().encode("GIF89a not a logo"));
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([
      400,
      "The logo must be a PNG, JPEG or WebP image",
    ]);
    res = await putLogo(admin, new Uint8Array(2 * 1024 * 1024 + 1).fill(0x89));
    expect(res.status).toBe(413);
    const png = path.join(tmp, "logo.png");
    await makeLogo(png);
    res = await putLogo(editor, await readFixture(png));
    expect(res.status).toBe(403);
    // A form from another site cannot send it (the wrapper's CSRF rule), even with the admin's cookie.
    res = await call(logoPut, {
      method: "PUT",
      path: "/api/admin/brand/logo",
      cookie: admin,
      body: Buffer.from(await readFixture(png)),
      headers: { "content-type": "text/plain", origin: "http://evil.example" },
    });
    expect(res.status).toBe(403);
  });
});

describe("branded shoot-out reel (routes, job, ffmpeg)", () => {
  it("opens on the intro card with the logo in the chosen corner, kicks in order, tally on the cards", async () => {
    const png = path.join(tmp, "logo.png");
    await makeLogo(png);
    const up = await putLogo(admin, await readFixture(png));
    expect(up.status, await up.clone().text()).toBe(200);
    expect(await up.json()).toMatchObject({ logo: { type: "image/png", width: 96, height: 64 } });
    const patched = await call(brandPatch, {
      method: "PATCH",
      path: "/api/admin/brand",
      cookie: admin,
      json: { corner: "bottom_left", name: "Matchcut FC" },
    });
    expect(patched.status).toBe(200);

    const src = path.join(tmp, "shootout.mp4");
    const spans = await buildShootout(src);
    const owner = await makeUser();
    const v = await makeVideo(owner.id, await readFixture(src), "bra-cro.mp4");
    const { w, h } = SHOOTOUT_SIZE;
    await db().video.update({
      where: { id: v.id },
      data: {
        title: "Brazil v Croatia",
        ...videoLifecycle.seed("ready"),
        fps: 25,
        durationS: spans.at(-1)!.endS,
        width: w,
        height: h,
        hasAudio: false,
      },
    });
    const analysis = await db().analysis.create({
      data: {
        videoId: v.id,
        modelId: "test",
        modelVersion: "1",
        ...analysisLifecycle.seed("complete"),
        current: true,
      },
    });
    const kicks = await makeHighlights(
      v.id,
      analysis.id,
      spans.map((s) => ["penalty", s.startS, s.endS, "suggested"] as const),
    );
    for (const [i, k] of kicks.entries()) {
      const res = await call(highlightPatch, {
        method: "PATCH",
        path: `/api/highlights/${k.id}`,
        params: { id: k.id },
        cookie: editor,
        json: { kick: TAGS[i] },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ kick: TAGS[i], kickNumber: { shootout: 1, kick: i + 1 } });
    }

    const reel = await reelOf(v.id, { brand: true, shootout: true });
    const kickFrames = spans.map((s) => Math.round((s.endS - s.startS) * 25));
    expect(await frameCount(reel)).toBe(50 + kickFrames.reduce((a, b) => a + b, 0) + 50);
    expect(await chapterTitles(reel)).toEqual([
      "Intro",
      ...TAGS.map((t, i) => `Kick ${i + 1} · ${t}`),
      "Tally: 5 scored · 2 missed",
    ]);

    // Frame 0: the card's colour where no text is, the logo bottom-left, nothing top-right.
    const first = await rawFrame(reel, 0);
    const { logoH } = logoGeometry(SHOOTOUT_SIZE);
    const logo = await rawFrame(png, 0, `scale=-2:${logoH}`);
    const logoW = logo.length / 3 / logoH;
    const at = logoPosition("bottom_left", SHOOTOUT_SIZE, logoW);
    const there = regionDiff(first, w, logo, { ...at, w: logoW, h: logoH });
    const elsewhere = regionDiff(first, w, logo, {
      ...logoPosition("top_right", SHOOTOUT_SIZE, logoW),
      w: logoW,
      h: logoH,
    });
    expect(there).toBeLessThan(12);
    expect(elsewhere).toBeGreaterThan(40);
    const card = Buffer.alloc(20 * 20 * 3);
    for (let i = 0; i < card.length; i += 3) card.set([0x10, 0x18, 0x20], i);
    expect(regionDiff(first, w, card, { x: w - 30, y: 10, w: 20, h: 20 })).toBeLessThan(6);

    // Each kick's first frame is its source frame (centre region, away from the logo and lower-third).
    const centre = { x: w / 4, y: h / 8, w: w / 2, h: h / 2 };
    let at0 = 50;
    for (let i = 0; i < spans.length; i++) {
      const got = await rawFrame(reel, at0);
      const diffs = await Promise.all(
        spans.map(async (o) =>
          sameRegionDiff(got, await rawFrame(src, Math.round(o.startS * 25)), w, centre),
        ),
      );
      expect(diffs[i], `kick ${i + 1}: ${diffs.map((d) => d.toFixed(1)).join(" ")}`).toBe(Math.min(...diffs));
      expect(diffs[i]).toBeLessThan(6);
      at0 += kickFrames[i]!;
    }

    // The outro card shows the tally tagged (5–2): it matches a card drawn with those words, not 4–3.
    const outro = await rawFrame(reel, at0 + 10);
    const drawn = async (tally: string) => {
      const dir = await mkdtemp(path.join(tmp, "card-"));
      const lines = ["Matchcut FC", "Shoot-out", tally, dateText(v.createdAt)];
      for (const [i, l] of lines.entries()) await writeFile(path.join(dir, `${i}.txt`), l);
      const g = dressGraph(
        {
          size: SHOOTOUT_SIZE,
          font: env().BRAND_FONT_FILE,
          corner: "bottom_left",
          logoInput: 0,
          intro: null,
          outro: {
            frames: 1,
            lines: lines.map((_, i) => ({ textFile: path.join(dir, `${i}.txt`), big: i === 1 || i === 2 })),
          },
          lowerThirds: [],
        },
        { fps: "25", fpsValue: 25, hasAudio: false, segments: 0 },
      );
      const out = path.join(dir, "card.png");
      await ffmpegMake([
        "-i",
        png,
        "-filter_complex",
        g.filters.join(";"),
        "-map",
        "[cv_outro]",
        "-frames:v",
        "1",
        out,
      ]);
      return rawFrame(out, 0);
    };
    const full = { x: 0, y: 0, w, h: h - 80 };
    const right = sameRegionDiff(outro, await drawn("5 scored · 2 missed"), w, full);
    const wrong = sameRegionDiff(outro, await drawn("4 scored · 3 missed"), w, full);
    expect(right).toBeLessThan(wrong / 2);
  }, 600_000);
});
