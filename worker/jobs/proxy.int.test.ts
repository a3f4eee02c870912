import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { enqueue } from "@/lib/queue";
import { getObjectBytes, keys, presignGet } from "@/lib/platform/storage";
import { proxyPlaylist } from "@/lib/videos/proxy-playlist";
import { ffmpegMake, makeUser, makeVideo, readFixture, sharedClip, waitFor } from "@/test/fixtures";
import { ffprobeJson, ffprobePackets, mp4Boxes } from "@/test/media";
import { startRuntime, type Runtime } from "../runtime";
import { headOf, inspect } from "./probe-inspect";
import { proxyJob } from "./proxy";
import { waveformJob } from "./waveform";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";

// Issue #25: the decision at probe, the proxy made in pieces, and the waveform from an audio-only pass.

let runtime: Runtime;
let ownerId: string;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([proxyJob, waveformJob] as JobDefinition[]);
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "proxy-test-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

const FPS = 25;
const CLIP = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");

/** `seconds` of a real clip looped, 320×180 at 25 fps, with a tone silent for its first second. */
async function makeFile(file: string, seconds: number, encode: string[]): Promise<void> {
  await ffmpegMake([
    ...[
      "-stream_loop",
      "-1",
      "-i",
      CLIP,
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=440:sample_rate=48000:d=${seconds}`,
    ],
    "-filter_complex",
    `[0:v]scale=320:180,setsar=1,fps=${FPS},format=yuv420p[v];[1:a]volume='if(lt(t,1),0,1)':eval=frame[a]`,
    ...["-map", "[v]", "-map", "[a]", "-t", String(seconds), ...encode],
    file,
  ]);
}

async function uploaded(file: string) {
  const v = await makeVideo(ownerId, await readFixture(file), path.basename(file));
  const url = await presignGet(v.sourceKey, { internal: true, expiresIn: 600 });
  return { v, info: await inspect(url, await headOf(v.sourceKey, Number(v.size))) };
}

/** Stores what probe found, as the probe job does, with `proxyPieces` pieces planned. */
async function probed(v: { id: string }, info: Awaited<ReturnType<typeof inspect>>, proxyPieces: number) {
  const { playback, ...facts } = info;
  await db().video.update({
    where: { id: v.id },
    data: {
      ...facts,
      ...videoLifecycle.seed("processing"),
      playback: playback.mode,
      playbackReason: playback.reason,
      proxyPieces,
    },
  });
}

/** The video row once `done` proxy pieces exist or a piece failed. */
function piecesDone(videoId: string, done: number, timeoutMs: number) {
  return waitFor(async () => {
    const row = await db().video.findUnique({ where: { id: videoId } });
    return row && (row.proxyPiecesDone >= done || row.proxyError) ? row : null;
  }, timeoutMs);
}

const H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"];

describe("playback decision at probe (real ffprobe on real files)", () => {
  it(
    "plays a browser-friendly MP4 as it is and says why the others need a proxy",
    { timeout: 420_000 },
    async () => {
      const cases: [string, string[], string | RegExp][] = [
        ["web.mp4", [...H264, "-g", "50", "-movflags", "+faststart"], "plays the original"],
        ["tail.mp4", [...H264, "-g", "50"], "remux: the MP4 index (moov) is at the end"],
        [
          "sparse.mp4",
          [...H264, "-g", "250", "-sc_threshold", "0", "-movflags", "+faststart"],
          // x264 places the second keyframe at 250 frames or a little before
          /^proxy: keyframes (9\.\d|10) s apart$/,
        ],
        ["old.avi", ["-c:v", "mpeg4", "-c:a", "mp3"], "proxy: AVI container"],
        ["dvd.mpg", ["-c:v", "mpeg2video", "-c:a", "mp2", "-f", "vob"], "proxy: MPEG-PS container"],
      ];
      for (const [name, encode, reason] of cases) {
        const file = path.join(tmp, name);
        await makeFile(file, 14, encode);
        const { info } = await uploaded(file);
        expect([name, info.playback.reason]).toEqual([
          name,
          typeof reason === "string" ? reason : expect.stringMatching(reason),
        ]);
        expect(info.playback.mode).toBe(
          name === "web.mp4" ? "source" : name === "tail.mp4" ? "remux" : "proxy",
        );
      }
    },
  );
});

describe("proxy pieces and waveform (real S3, Redis, Postgres, ffmpeg)", () => {
  it(
    "encodes an AVI's proxy piece by piece, each at its place on the timeline, and lists the pieces made",
    { timeout: 600_000 },
    async () => {
      const file = path.join(tmp, "match.avi");
      await makeFile(file, 70, ["-c:v", "mpeg4", "-q:v", "5", "-c:a", "mp3"]);
      const { v, info } = await uploaded(file);
      await probed(v, info, 2);
      await enqueue("proxy", { videoId: v.id, piece: 1 }, { jobId: `${v.id}:proxy:1` });
      // each piece is a niced x264 encode: slow on a loaded machine
      const one = await piecesDone(v.id, 1, 240_000);
      expect(one.proxyError).toBeNull();
      expect(one.proxyPiecesDone).toBe(1);
      // Piece 1 alone: nothing plays from the start yet, so there is no playlist of it.
      await expect(proxyPlaylist(v.id, 1)).rejects.toThrow(/not found/i);

      await enqueue("proxy", { videoId: v.id, piece: 0 }, { jobId: `${v.id}:proxy:0` });
      const both = await piecesDone(v.id, 2, 240_000);
      expect(both.proxyError).toBeNull();
      // The proxy never touches the video's own status (that belongs to the analysis).
      expect(both.status).toBe("processing");

      for (const [i, start, length] of [
        [0, 0, 60],
        [1, 60, 10],
      ] as const) {
        const piece = path.join(tmp, `piece${i}.ts`);
        await writeFile(piece, await getObjectBytes(keys.proxyPiece(v.id, i)));
        const probed = await ffprobeJson(piece);
        const video = probed.streams.find((s) => s.codec_type === "video")!;
        expect([video.codec_name, video.width, video.height]).toEqual(["h264", 320, 180]);
        expect(probed.streams.some((s) => s.codec_type === "audio")).toBe(true);
        expect(Number(probed.format.start_time)).toBeCloseTo(start, 0);
        expect(Number(probed.format.duration)).toBeGreaterThan(length - 0.2);
        expect(Number(probed.format.duration)).toBeLessThan(length + 0.3);
      }
      const playlist = await (await proxyPlaylist(v.id, 2)).text();
      expect(playlist).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
      // the last piece is what is left of the file (its MP3 runs a few ms past 70 s)
      expect(playlist.match(/#EXTINF:([\d.]+),/g)).toEqual([
        "#EXTINF:60.000,",
        expect.stringMatching(/^#EXTINF:10\.0\d\d,$/),
      ]);
      expect(playlist).toContain("proxy/pieces/00001.ts");
      expect(playlist.trim().endsWith("#EXT-X-ENDLIST")).toBe(true);
    },
  );

  it(
    "copies a moov-at-end MP4's streams into an MP4 with the index first: same frames, same times, no encode",
    { timeout: 240_000 },
    async () => {
      const file = path.join(tmp, "phone.mp4");
      await makeFile(file, 12, [...H264, "-g", "25"]);
      const { v, info } = await uploaded(file);
      expect(info.playback.mode).toBe("remux");
      await probed(v, info, 1);
      await enqueue("proxy", { videoId: v.id, piece: 0 }, { jobId: `${v.id}:proxy:0` });
      const done = await piecesDone(v.id, 1, 120_000);
      expect(done).toMatchObject({ proxyError: null, proxyKey: keys.proxy(v.id), proxyPiecesDone: 1 });
      expect(done.status).toBe("processing");

      const copy = path.join(tmp, "phone-remuxed.mp4");
      await writeFile(copy, await getObjectBytes(keys.proxy(v.id)));
      // the index now comes first, so the browser plays it without fetching the file's tail
      const order = async (f: string) => {
        const boxes = mp4Boxes(new Uint8Array(await readFile(f)));
        return boxes.indexOf("moov") < boxes.indexOf("mdat") ? "moov first" : "mdat first";
      };
      expect([await order(file), await order(copy)]).toEqual(["mdat first", "moov first"]);
      // a stream copy: the same packets at the same times, bit for bit
      const packets = async (f: string) =>
        (await ffprobePackets(f)).map((p) => `${p.stream} ${p.pts_time} ${p.size} ${p.flags}`);
      expect(await packets(copy)).toEqual(await packets(file));
    },
  );

  it("measures the waveform from the audio alone", { timeout: 240_000 }, async () => {
    const file = path.join(tmp, "tone.mp4");
    await makeFile(file, 5, [...H264, "-movflags", "+faststart"]);
    const { v, info } = await uploaded(file);
    const { playback: _playback, ...facts } = info;
    await db().video.update({
      where: { id: v.id },
      data: { ...facts, ...videoLifecycle.seed("processing") },
    });
    await enqueue("waveform", { videoId: v.id }, { jobId: `${v.id}:waveform` });
    const done = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: v.id } });
      return row?.waveformKey ? row : null;
    }, 120_000);
    const wave = JSON.parse(new TextDecoder().decode(await getObjectBytes(done.waveformKey!))) as {
      rate: number;
      peaks: number[];
    };
    expect(wave.rate).toBe(10);
    expect(wave.peaks).toHaveLength(50);
    expect(Math.max(...wave.peaks.slice(0, 9))).toBeLessThan(0.01);
    // lavfi's sine has amplitude 1/8
    for (const p of wave.peaks.slice(12, 48)) expect(p).toBeCloseTo(0.125, 2);
  });

  it("records a broken piece on proxyError and leaves the video alone", { timeout: 240_000 }, async () => {
    const v = await makeVideo(ownerId, new TextEncoder().encode("not a video\n".repeat(100)), "bad.avi");
    await db().video.update({
      where: { id: v.id },
      data: {
        ...videoLifecycle.seed("ready"),
        durationS: 5,
        fps: 25,
        width: 320,
        height: 180,
        hasAudio: false,
        playback: "proxy",
      },
    });
    await enqueue("proxy", { videoId: v.id, piece: 0 }, { jobId: `${v.id}:proxy:0`, attempts: 1 });
    const done = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: v.id } });
      return row?.proxyError ? row : null;
    }, 180_000);
    expect(done.proxyError).toMatch(/^piece 1: .*(not a video file|could not read)/);
    expect(done.proxyPiecesDone).toBe(0);
    expect(done.status).toBe("ready");
  });
});
