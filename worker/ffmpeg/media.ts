// Pure helpers around ffprobe output and the poster command; no process is started here.

export interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  codec_long_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string | number;
  nb_frames?: string | number;
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

// Decoders ffmpeg lists but cannot decode here show up without a codec name.
export function mediaInfoFrom(data: ProbeData): MediaInfo {
  const video = data.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (!video) throw new UnplayableError("no video stream");
  if (!video.codec_name || video.codec_name === "none") {
    throw new UnplayableError(`unsupported codec ${video.codec_long_name ?? "(unknown)"}`);
  }
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
    videoCodec: video.codec_name,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: Boolean(audio),
    bitrate: Number.isFinite(bitrate) ? Math.round(bitrate) : null,
  };
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
