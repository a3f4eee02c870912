// What each corpus file (./corpus.ts) must end as: ready (analysed in full, or with the coverage
// warning the video shows) or failed with its specific reason. Used by worker/jobs/bad-inputs.int.test.ts.

export interface Outcome {
  status: "ready" | "failed" | string;
  detail: string;
}

const ready = (detail: string | RegExp = "analysed in full") => ({ status: "ready", detail });
const failed = (detail: string | RegExp) => ({ status: "failed", detail });

export const expected: Record<string, { status: string; detail: string | RegExp }> = {
  "zero-byte.mp4": failed("the file is empty (0 bytes): the upload sent no data"),
  "text.mp4": failed("this is a text file, not a video"),
  "page.mp4": failed(/^this is a web page \(HTML\), not a video/),
  "random.mp4": failed("not a video file ffmpeg can read (no known container format)"),
  "photo.mp4": failed("this is a still image (JPEG), not a video"),
  "picture.png": failed("this is a still image (PNG), not a video"),
  "truncated-faststart.mp4": ready(/^frames after 0:0\d could not be decoded$/),
  "truncated-tail.mp4": failed(/^file is truncated \(the MP4 index is missing/),
  "corrupt-index.mp4": failed("the MP4 index (moov box) is damaged: no track can be read from it"),
  "no-tracks.mp4": failed("the MP4 has no tracks: its index (moov box) lists no audio or video"),
  "unknown-codec.mp4": failed('unsupported video codec "zzz1": ffmpeg has no decoder for it'),
  "ftyp-only.mp4": failed(/^file is truncated \(the MP4 index is missing/),
  "audio-only.m4a": failed("audio only (aac): the file has no video track"),
  "audio-with-cover.mp3": failed("audio only (mp3 with a cover picture): the file has no video track"),
  "no-frames.mp4": failed("the video track (h264) has no frames"),
  "one-pixel.mp4": failed(
    "the picture is 1×1 pixels, too small to analyse (the smallest taken is 32×32, MIN_VIDEO_SIDE_PX)",
  ),
  "huge-8000.mp4": ready(),
  "short-0.2s.mp4": ready(),
  "vfr.mp4": ready(),
  "rotated-90.mp4": ready(),
  "hevc.mp4": ready(),
  "av1.mp4": ready(),
  "vp9.webm": ready(),
  "interlaced.mp4": ready(),
  "two-video-streams.mp4": ready(),
  "animated.gif": ready(),
  "ten-bit.mp4": ready(),
  "mpeg-ts.ts": ready(),
  "fragmented.mp4": ready(),
  "mjpeg.avi": ready(),
  "mpeg2.mpg": ready(),
  "matroska.mkv": ready(),
  "gap-24h.mp4": failed(
    /^only 2 frames in 24:00:00 of video \(one every 12\.0 h\): its timestamps are broken/,
  ),
  "ten-hours-32px.mp4": failed("the video is 10:00:00 long; the limit is 6:00:00 (MAX_VIDEO_DURATION_S)"),
};

/** A finished video as the table shows it: its status and its error or coverage warning. */
export function outcomeOf(video: { status: string; error: string | null; warning: string | null }): Outcome {
  if (video.status !== "ready") return { status: video.status, detail: video.error ?? "(no message)" };
  return { status: "ready", detail: video.warning ?? "analysed in full" };
}
