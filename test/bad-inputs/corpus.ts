// The bad-input corpus of issue #16: malformed and unusual files, made with the system ffmpeg and plain
// bytes, small and fast to build (`npm run corpus:bad -- DIR`; worker/jobs/bad-inputs.int.test.ts).
// Every recipe is deterministic (seeded bytes), so a run of the test sees the same files.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ffmpegMake } from "../match";

export interface CorpusFile {
  name: string;
  /** What makes it hostile or unusual, for the table in docs/using.md. */
  what: string;
  make(out: string, scratch: string): Promise<void>;
}

const lavfi = (src: string) => ["-f", "lavfi", "-i", src];
const x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
const tone = (s: number) => lavfi(`sine=frequency=440:sample_rate=48000:d=${s}`);
const clip = (s: number, size = "160x90", rate = 25) => lavfi(`testsrc2=size=${size}:rate=${rate}:d=${s}`);

/** A plain 4 s H.264 + AAC MP4, the base the cut and patched files start from. */
async function plain(out: string, ...extra: string[]): Promise<void> {
  await ffmpegMake([...clip(4), ...tone(4), ...x264, "-c:a", "aac", "-shortest", ...extra, out]);
}

/** Deterministic pseudo-random bytes (xorshift), so a "random" file is the same on every run. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Offset and size of the first top-level MP4 box called `name`. */
function findBox(bytes: Uint8Array, name: string): { at: number; size: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = view.getUint32(at);
    if (new TextDecoder().decode(bytes.subarray(at + 4, at + 8)) === name) return { at, size };
    if (size < 8) break;
    at += size;
  }
  throw new Error(`no ${name} box`);
}

const indexOf = (b: Uint8Array, fourcc: string, from: number): number => {
  const at = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(fourcc, from, "latin1");
  if (at < 0) throw new Error(`no ${fourcc} in the file`);
  return at;
};

async function patched(out: string, scratch: string, edit: (b: Uint8Array) => Uint8Array): Promise<void> {
  const base = path.join(scratch, `${path.basename(out)}.base.mp4`);
  await plain(base, "-movflags", "+faststart");
  await writeFile(out, edit(new Uint8Array(await readFile(base))));
}

const text = (s: string) => async (out: string) => writeFile(out, s);

export const corpus: CorpusFile[] = [
  { name: "zero-byte.mp4", what: "empty file", make: text("") },
  { name: "text.mp4", what: "plain text renamed .mp4", make: text("these are my match notes\n".repeat(40)) },
  {
    name: "page.mp4",
    what: "an HTML page saved as .mp4",
    make: text("<!DOCTYPE html>\n<html><head><title>Match</title></head><body><p>404</p></body></html>\n"),
  },
  { name: "random.mp4", what: "64 kB of random bytes", make: (out) => writeFile(out, noise(65536, 7)) },
  {
    name: "photo.mp4",
    what: "a JPEG photo renamed .mp4",
    make: (out) => ffmpegMake([...lavfi("testsrc2=size=320x240"), "-frames:v", "1", "-f", "image2", out]),
  },
  {
    name: "picture.png",
    what: "a PNG image",
    make: (out) => ffmpegMake([...lavfi("testsrc2=size=320x240"), "-frames:v", "1", out]),
  },
  {
    name: "truncated-faststart.mp4",
    what: "first 30 % of an MP4 with the index (moov) at the start",
    make: (out, scratch) => patched(out, scratch, (b) => b.slice(0, Math.floor(b.length * 0.3))),
  },
  {
    name: "truncated-tail.mp4",
    what: "first 60 % of an MP4 with the index at the end (index lost)",
    make: async (out, scratch) => {
      const base = path.join(scratch, "tail-base.mp4");
      await plain(base);
      const b = new Uint8Array(await readFile(base));
      await writeFile(out, b.slice(0, Math.floor(b.length * 0.6)));
    },
  },
  {
    name: "corrupt-index.mp4",
    what: "moov box contents replaced by random bytes",
    make: (out, scratch) =>
      patched(out, scratch, (b) => {
        const { at, size } = findBox(b, "moov");
        b.set(noise(size - 8, 11), at + 8);
        return b;
      }),
  },
  {
    name: "no-tracks.mp4",
    what: "an MP4 whose moov box lists no tracks (its trak boxes renamed free)",
    make: (out, scratch) =>
      patched(out, scratch, (b) => {
        // A box named free is skipped by readers: the movie header stays, no track is left.
        const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
        for (let at = indexOf(b, "trak", 0); at >= 0; at = buf.indexOf("trak", at + 4, "latin1"))
          buf.write("free", at, "latin1");
        return b;
      }),
  },
  {
    name: "unknown-codec.mp4",
    what: "video sample entry renamed from avc1 to an unknown fourcc",
    make: (out, scratch) =>
      patched(out, scratch, (b) => {
        b.set(new TextEncoder().encode("zzz1"), indexOf(b, "avc1", indexOf(b, "stsd", 0)));
        return b;
      }),
  },
  {
    name: "ftyp-only.mp4",
    what: "an MP4 header and nothing else",
    make: (out, s) => patched(out, s, (b) => b.slice(0, 32)),
  },
  {
    name: "audio-only.m4a",
    what: "AAC audio, no video",
    make: (out) => ffmpegMake([...tone(3), "-c:a", "aac", out]),
  },
  {
    name: "audio-with-cover.mp3",
    what: "MP3 with an embedded cover picture (a video stream that is not video)",
    make: (out) =>
      ffmpegMake(
        [
          ...tone(3),
          ...lavfi("testsrc2=size=64x64:d=0.04"),
          "-map",
          "0",
          "-map",
          "1",
          "-frames:v",
          "1",
        ].concat(["-c:a", "libmp3lame", "-c:v", "mjpeg", "-disposition:v", "attached_pic", out]),
      ),
  },
  {
    name: "no-frames.mp4",
    what: "H.264 track whose index lists zero frames, beside 4 s of audio",
    make: (out, scratch) =>
      patched(out, scratch, (b) => {
        // The first track is the video: its sample-size table (stsz) and time table (stts) emptied.
        const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        view.setUint32(indexOf(b, "stsz", 0) + 12, 0);
        view.setUint32(indexOf(b, "stts", 0) + 8, 0);
        return b;
      }),
  },
  {
    name: "one-pixel.mp4",
    what: "1×1 pixel H.264",
    make: (out) =>
      ffmpegMake([
        ...lavfi("color=c=red:s=16x16:r=25:d=2"),
        "-vf",
        "scale=1:1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv444p",
        out,
      ]),
  },
  {
    name: "huge-8000.mp4",
    what: "8000×8000 pixel frames (2 frames)",
    make: (out) => ffmpegMake([...lavfi("color=c=green:s=8000x8000:r=1:d=2"), ...x264, out]),
  },
  { name: "short-0.2s.mp4", what: "0.2 s long", make: (out) => ffmpegMake([...clip(0.2), ...x264, out]) },
  {
    name: "vfr.mp4",
    what: "variable frame rate (frame gaps from 10 ms to 200 ms)",
    make: (out) =>
      ffmpegMake([
        ...clip(4),
        "-vf",
        "setpts='N/25/TB+0.15*mod(N,3)/TB'",
        "-fps_mode",
        "passthrough",
        ...x264,
        out,
      ]),
  },
  {
    name: "rotated-90.mp4",
    what: "phone video: 640×360 stored, 90° display matrix",
    make: async (out, scratch) => {
      const base = path.join(scratch, "rot-base.mp4");
      await ffmpegMake([...clip(3, "640x360"), ...tone(3), ...x264, "-c:a", "aac", "-shortest", base]);
      // ffmpeg 5 writes the display matrix from the rotate tag only when stream-copying (a phone's way).
      await ffmpegMake(["-i", base, "-c", "copy", "-metadata:s:v:0", "rotate=90", out]);
    },
  },
  {
    name: "hevc.mp4",
    what: "H.265/HEVC (hvc1)",
    make: (out) =>
      ffmpegMake(
        [...clip(2), "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"].concat([
          "-tag:v",
          "hvc1",
          out,
        ]),
      ),
  },
  {
    name: "av1.mp4",
    what: "AV1 (libsvtav1)",
    make: (out) =>
      ffmpegMake([...clip(2, "160x96"), "-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p", out]),
  },
  {
    name: "vp9.webm",
    what: "VP9 in WebM",
    make: (out) =>
      ffmpegMake([...clip(2), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", out]),
  },
  {
    name: "interlaced.mp4",
    what: "interlaced H.264 (top field first)",
    make: (out) =>
      ffmpegMake(
        [...clip(2, "160x96", 50), "-vf", "tinterlace=interleave_top,fieldorder=tff", ...x264].concat([
          "-flags",
          "+ildct+ilme",
          out,
        ]),
      ),
  },
  {
    name: "two-video-streams.mp4",
    what: "two video streams of different sizes",
    make: (out) => ffmpegMake([...clip(2), ...clip(2, "320x180"), "-map", "0", "-map", "1", ...x264, out]),
  },
  { name: "animated.gif", what: "animated GIF", make: (out) => ffmpegMake([...clip(2, "160x90", 10), out]) },
  {
    name: "ten-bit.mp4",
    what: "10-bit H.264 (High 10)",
    make: (out) =>
      ffmpegMake([...clip(2), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", out]),
  },
  { name: "mpeg-ts.ts", what: "MPEG-TS with H.264 + AAC", make: (out) => plain(out, "-f", "mpegts") },
  {
    name: "fragmented.mp4",
    what: "fragmented MP4 (empty moov, moof per keyframe)",
    make: (out) => plain(out, "-movflags", "frag_keyframe+empty_moov", "-g", "25"),
  },
  {
    name: "mjpeg.avi",
    what: "Motion JPEG in AVI",
    make: (out) => ffmpegMake([...clip(2), "-c:v", "mjpeg", "-q:v", "5", out]),
  },
  {
    name: "mpeg2.mpg",
    what: "MPEG-2 program stream",
    make: (out) =>
      ffmpegMake([...clip(2), ...tone(2), "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "vob", out]),
  },
  {
    name: "matroska.mkv",
    what: "H.264 + Opus in Matroska",
    make: (out) => plain(out.replace(/$/, ""), "-c:a", "libopus"),
  },
  {
    name: "gap-24h.mp4",
    what: "two frames 24 h apart",
    make: (out) =>
      ffmpegMake(
        [
          ...clip(0.08),
          "-vf",
          "setpts='if(eq(N,0),0,86400/TB)'",
          "-frames:v",
          "2",
          "-fps_mode",
          "passthrough",
        ].concat([...x264, out]),
      ),
  },
  {
    name: "ten-hours-32px.mp4",
    what: "10 h of 32×32 at 1 fps (a 10-minute piece looped by stream copy)",
    make: async (out, scratch) => {
      const piece = path.join(scratch, "piece.mp4");
      await ffmpegMake([...lavfi("testsrc2=size=32x32:rate=1:d=600"), ...x264, piece]);
      await ffmpegMake(["-stream_loop", "59", "-i", piece, "-c", "copy", out]);
    },
  },
];
