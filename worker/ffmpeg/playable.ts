// Issue #25: can the browser play and seek the upload itself, or does it need a proxy? Pure: the probe
// job gathers the facts (ffprobe's JSON, the first bytes, the keyframe times) and stores the answer.
import type { ProbeData, ProbeStream } from "./media";

export interface Playback {
  /**
   * "source": the player streams the upload through /api/media; "remux": the same streams copied into an
   * MP4 with its index at the front (no decode, no encode); "proxy": a proxy is encoded in pieces.
   */
  mode: "source" | "remux" | "proxy";
  /** In words, for the review room and the API: "plays the original" or "proxy: AVI container". */
  reason: string;
}

export const PLAYS_ORIGINAL = "plays the original";
// Seeking decodes from the keyframe before the target: beyond 2 s apart it is slow on a long match.
export const MAX_GOP_S = 2;
const MAX_LONG_SIDE = 1920;
const MAX_SHORT_SIDE = 1080;

const CONTAINER_NAMES: Record<string, string> = {
  avi: "AVI",
  mpeg: "MPEG-PS",
  mpegts: "MPEG-TS",
  mpegvideo: "MPEG elementary stream",
  flv: "Flash video",
  asf: "ASF/WMV",
  matroska: "Matroska",
};

const CODEC_NAMES: Record<string, string> = {
  mpeg2video: "MPEG-2",
  mpeg1video: "MPEG-1",
  mpeg4: "MPEG-4 part 2",
  hevc: "H.265",
  prores: "ProRes",
  mjpeg: "Motion JPEG",
  wmv3: "WMV",
};

/** The facts the decision reads besides ffprobe's streams and format. */
export interface PlaybackFacts {
  /** The first bytes of the upload (the probe's sniff read). */
  head: Uint8Array;
  /** Keyframe times (s) of the first part of the video track, from its packets; null: not read. */
  keyframes: number[] | null;
  /** The end of the part those keyframe times cover (s). */
  keyframesUntilS: number;
}

type Family = "mp4" | "webm" | { other: string };

function familyOf(data: ProbeData, head: Uint8Array): Family {
  const names = (data.format.format_name ?? "").split(",");
  if (names.includes("mp4") || names.includes("mov")) return "mp4";
  if (names.includes("webm") && ebmlDocType(head) === "webm") return "webm";
  const first = names[0] ?? "";
  return { other: CONTAINER_NAMES[first] ?? (first ? first.toUpperCase() : "unknown") };
}

/** The EBML DocType string ("webm" or "matroska") near the start of a Matroska file. */
export function ebmlDocType(head: Uint8Array): string | null {
  const text = new TextDecoder("latin1").decode(head.subarray(0, 64));
  if (text.includes("webm")) return "webm";
  if (text.includes("matroska")) return "matroska";
  return null;
}

/**
 * Where the MP4's index is: "front" when the top-level `moov` box comes before `mdat`, "end" when
 * `mdat` comes first (the browser must fetch the file's tail before it can play), null when the head
 * ends before either.
 */
export function moovPosition(head: Uint8Array): "front" | "end" | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at + 8 <= head.length) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...head.subarray(at + 4, at + 8));
    if (type === "moov") return "front";
    if (type === "mdat") return "end";
    if (size === 1) {
      if (at + 16 > head.length) return null;
      size = Number(view.getBigUint64(at + 8));
    }
    if (size < 8) return null; // 0 ("to the end") or broken: no box follows
    at += size;
  }
  return null;
}

/** The longest distance between keyframes (s), counting the stretch after the last one read. */
export function longestGopS(keyframes: readonly number[], untilS: number): number {
  if (keyframes.length === 0) return Infinity;
  let longest = 0;
  for (let i = 1; i < keyframes.length; i++) longest = Math.max(longest, keyframes[i]! - keyframes[i - 1]!);
  return Math.max(longest, untilS - keyframes[keyframes.length - 1]!);
}

function videoReason(v: ProbeStream, family: "mp4" | "webm"): string | null {
  const codec = v.codec_name ?? "unknown";
  const ok = family === "mp4" ? ["h264"] : ["vp8", "vp9"];
  if (!ok.includes(codec)) return `${CODEC_NAMES[codec] ?? codec.toUpperCase()} video`;
  // Browsers decode 8-bit 4:2:0 only (H.264 High 10 / 4:2:2, VP9 profile 2 do not play in Chromium).
  if (v.pix_fmt && !["yuv420p", "yuvj420p"].includes(v.pix_fmt)) return `${v.pix_fmt} pixels`;
  if (v.field_order && !["progressive", "unknown"].includes(v.field_order)) return "interlaced video";
  const w = v.width ?? 0;
  const h = v.height ?? 0;
  if (Math.max(w, h) > MAX_LONG_SIDE || Math.min(w, h) > MAX_SHORT_SIDE) return `${w}×${h} is over 1080p`;
  return null;
}

function audioReason(a: ProbeStream | undefined, family: "mp4" | "webm"): string | null {
  if (!a) return null;
  const codec = a.codec_name ?? "unknown";
  const ok = family === "mp4" ? ["aac", "mp3"] : ["opus", "vorbis"];
  return ok.includes(codec) ? null : `${codec.toUpperCase()} audio`;
}

/** Whether the browser plays and seeks the upload well, and if not, the first reason why not. */
export function decidePlayback(data: ProbeData, facts: PlaybackFacts): Playback {
  const proxy = (why: string): Playback => ({ mode: "proxy", reason: `proxy: ${why}` });
  const family = familyOf(data, facts.head);
  if (typeof family === "object") return proxy(`${family.other} container`);
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (!video) return proxy("no video track");
  const why =
    videoReason(video, family) ??
    audioReason(
      data.streams.find((s) => s.codec_type === "audio"),
      family,
    );
  if (why) return proxy(why);
  if (!facts.keyframes) return proxy("its keyframes could not be read");
  const gop = longestGopS(facts.keyframes, facts.keyframesUntilS);
  if (gop > MAX_GOP_S + 0.05) {
    const apart = Number.isFinite(gop) ? `${Math.round(gop * 10) / 10} s apart` : "missing";
    return proxy(`keyframes ${apart}`);
  }
  // Only the index is in the wrong place: copying the streams into a new MP4 fixes that in about the time
  // it takes to read the file, where an encode of the whole match took most of the pipeline's CPU (#25).
  if (family === "mp4" && moovPosition(facts.head) !== "front")
    return { mode: "remux", reason: "remux: the MP4 index (moov) is at the end" };
  return { mode: "source", reason: PLAYS_ORIGINAL };
}
