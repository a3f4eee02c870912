// Pure helpers around ffprobe output and the poster command; no process is started here.
import { startsLikeMp4 } from "./sniff";

export interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  codec_long_name?: string;
  codec_tag_string?: string;
  pix_fmt?: string;
  field_order?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string | number;
  nb_frames?: string | number;
  start_time?: string | number;
  tags?: Record<string, string | number | undefined>;
  side_data_list?: { side_data_type?: string; rotation?: number | string }[];
  disposition?: { attached_pic?: number };
}

export interface ProbeData {
  streams: ProbeStream[];
  format: {
    duration?: string | number;
    bit_rate?: string | number;
    format_name?: string;
    size?: string | number;
    start_time?: string | number;
  };
}

export interface MediaInfo {
  durationS: number;
  fps: number;
  width: number;
  height: number;
  rotation: number;
  videoCodec: string;
  audioCodec: string | null;
  hasAudio: boolean;
  bitrate: number | null;
}

export class UnplayableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnplayableError";
  }
}

const num = (v: unknown): number => {
  const n = typeof v === "number" ? v : Number.parseFloat(String(v ?? ""));
  return Number.isFinite(n) ? n : Number.NaN;
};

export function parseRate(rate: string | undefined): number {
  if (!rate) return Number.NaN;
  const [a, b] = rate.split("/").map(Number);
  if (b === undefined) return a;
  return b > 0 ? a / b : Number.NaN;
}

export function rotationOf(stream: ProbeStream): number {
  const fromSide = stream.side_data_list?.find((s) => s.rotation !== undefined)?.rotation;
  const raw = fromSide ?? stream.tags?.rotate;
  const deg = num(raw);
  if (!Number.isFinite(deg)) return 0;
  return (((Math.round(deg) % 360) + 360) % 360) as number;
}

// ffprobe names the image demuxers "<codec>_pipe" (jpeg_pipe, png_pipe, webp_pipe …) or "image2".
const isImageFormat = (name: string | undefined) => !!name && (/_pipe$/.test(name) || name === "image2");

/** The streams are there but say this is no video we can analyse: the specific reason, or null. */
function refusal(data: ProbeData): string | null {
  const format = data.format.format_name ?? "";
  if (data.streams.length === 0) {
    if (!/mp4|mov/.test(format)) return "no audio or video streams in the file";
    // A readable movie header (it gives the duration) with no track after it is an MP4 written with
    // none, not a damaged one (issue #23); random bytes in the moov leave no duration either.
    return num(data.format.duration) > 0
      ? "the MP4 has no tracks: its index (moov box) lists no audio or video"
      : "the MP4 index (moov box) is damaged: no track can be read from it";
  }
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (isImageFormat(format)) {
    const kind = (data.streams[0]?.codec_name ?? format.replace(/_pipe$/, "")).toUpperCase();
    return `this is a still image (${kind === "MJPEG" ? "JPEG" : kind}), not a video`;
  }
  if (!video) {
    const audio = data.streams.find((s) => s.codec_type === "audio");
    if (!audio) return "no video stream";
    const cover = data.streams.some((s) => s.disposition?.attached_pic) ? " with a cover picture" : "";
    return `audio only (${audio.codec_name ?? "unknown codec"}${cover}): the file has no video track`;
  }
  if (!video.codec_name || video.codec_name === "none") {
    const name =
      video.codec_tag_string && video.codec_tag_string !== "[0][0][0][0]"
        ? video.codec_tag_string
        : video.codec_long_name;
    return `unsupported video codec "${name ?? "unknown"}": ffmpeg has no decoder for it`;
  }
  // The index lists no samples: ffprobe finds no pixel format because it never saw a frame.
  if (num(video.nb_frames) === 0 || !video.pix_fmt || video.pix_fmt === "none")
    return `the video track (${video.codec_name}) has no frames`;
  return null;
}

export function mediaInfoFrom(data: ProbeData): MediaInfo {
  const refused = refusal(data);
  if (refused) throw new UnplayableError(refused);
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic)!;
  const audio = data.streams.find((s) => s.codec_type === "audio");
  const durationS = [num(data.format.duration), num(video.duration)].find((d) => Number.isFinite(d) && d > 0);
  if (durationS === undefined) throw new UnplayableError("file is truncated or has no duration");
  const fps = [parseRate(video.avg_frame_rate), parseRate(video.r_frame_rate)].find(
    (f) => Number.isFinite(f) && f > 0,
  );
  if (!video.width || !video.height)
    throw new UnplayableError(`unsupported codec ${video.codec_name}: no frame size`);
  const bitrate = num(data.format.bit_rate);
  return {
    durationS,
    fps: fps ?? 25,
    width: video.width,
    height: video.height,
    rotation: rotationOf(video),
    videoCodec: video.codec_name!,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: Boolean(audio),
    bitrate: Number.isFinite(bitrate) ? Math.round(bitrate) : null,
  };
}

/**
 * Seconds of ffmpeg's timeline (which starts at the earliest stream) before the first video stream, the
 * one `-map 0:v:0` decodes, has a picture: a camera that starts after its sound (issue #23).
 */
export function videoLeadS(data: ProbeData): number {
  const video = data.streams.find((s) => s.codec_type === "video");
  const lead = num(video?.start_time) - (num(data.format.start_time) || 0);
  return Number.isFinite(lead) && lead > 0 ? lead : 0;
}

/** The codec of the stream the sampler decodes (`-map 0:v:0`: the first video stream). */
export function videoCodecOf(data: ProbeData): string | undefined {
  return data.streams.find((s) => s.codec_type === "video")?.codec_name;
}

/** Frames the container says the video track has (MP4, AVI); null where it does not count them. */
export function frameCountOf(data: ProbeData): number | null {
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const n = num(video?.nb_frames);
  return Number.isFinite(n) ? n : null;
}

/** Why ffprobe could not open the file, from its stderr and the file's first bytes. */
export function probeFailure(stderr: string, head: Uint8Array): string {
  const s = stderr.toLowerCase();
  if (s.includes("moov atom not found") && !startsLikeMp4(head))
    return "not a video file ffmpeg can read (no known container format)";
  if (s.includes("invalid data found when processing input") && !s.includes("moov atom not found"))
    return "not a video file ffmpeg can read (no known container format)";
  return humanFfmpegError(stderr);
}

/** Turns ffprobe/ffmpeg stderr into the sentence an editor sees on the failed video. */
export function humanFfmpegError(stderr: string): string {
  const s = stderr.toLowerCase();
  if (s.includes("moov atom not found"))
    return "file is truncated (the MP4 index is missing: was the upload or export cut short?)";
  if (s.includes("invalid data found when processing input")) return "not a video file ffmpeg can read";
  if (s.includes("end of file") || s.includes("truncat")) return "file is truncated";
  if (s.includes("decoder") && s.includes("not found")) return "unsupported codec";
  if (s.includes("no such file") || s.includes("404"))
    return "the uploaded file could not be found in storage";
  const last = stderr.trim().split("\n").filter(Boolean).pop() ?? "unknown error";
  return `ffmpeg could not read the file: ${last.slice(0, 200)}`;
}

/** A frame early in the video, but past any black leader. */
export function posterTime(durationS: number): number {
  return Math.min(Math.max(durationS * 0.1, 0), 10);
}

/** One ffmpeg invocation as data: unit tests compare these arrays, run.ts hands them to fluent-ffmpeg. */
export interface FfmpegSpec {
  input: string;
  inputOptions: string[];
  output: string;
  outputOptions: string[];
  /** Runs ffmpeg under `nice -n` this much (background encodes: JobContext.niceness). */
  niceness?: number;
}

export function posterSpec(input: string, atS: number, output: string): FfmpegSpec {
  return {
    input,
    inputOptions: ["-ss", atS.toFixed(3)],
    output,
    outputOptions: ["-frames:v", "1", "-vf", "scale=640:-2", "-q:v", "4", "-y"],
  };
}
