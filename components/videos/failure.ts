// A failed video's stored reason (worker/ffmpeg/media.ts humanFfmpegError, "analysis failed: …") in
// plain words, with what the editor can do about it. Pure, shared by the library row and the review room.

export type FailureAction = "reanalyze" | "upload" | "delete";

export interface FailureHelp {
  /** what went wrong, for someone who does not read ffmpeg output */
  reason: string;
  /** what to do next */
  advice: string;
  /** the actions to offer, most useful first */
  actions: FailureAction[];
  /** false when the file itself cannot be played: the page shows no player */
  playable: boolean;
}

const FILE_PROBLEMS: [RegExp, string][] = [
  [/file is empty/i, "The file is empty: the upload sent no data."],
  [/web page|text file|playlist/i, "This is not a video but a page or text saved under a video's name."],
  [/still image/i, "This is a still picture, not a video."],
  [/audio only/i, "The file has sound but no picture."],
  [/index \(moov box\) is damaged/i, "The file's index is damaged, so its video cannot be found."],
  [/has no frames/i, "The video track holds no pictures."],
  [/has no tracks/i, "The file was written without any video or audio track."],
  [/too small to analyse/i, "The picture is too small (a few pixels) to find anything in."],
  [/timestamps are broken/i, "The file's timestamps are broken: its few frames lie far apart."],
  [
    /truncated|index is missing/i,
    "The file is incomplete: the upload or the export that made it was cut short.",
  ],
  [/not a video file/i, "This file is not a video that can be read."],
  [/no video stream/i, "The file has no picture, only audio or data."],
  [/unsupported (video )?codec/i, "The video is in a format (codec) that cannot be decoded here."],
  [/could not be found in storage/i, "The uploaded file is missing from storage."],
  [/ffmpeg could not read/i, "The file could not be read as a video."],
];

export function failureHelp(error: string | null | undefined): FailureHelp {
  const raw = (error ?? "").trim();
  if (/MAX_VIDEO_DURATION_S/.test(raw))
    return {
      reason: "The video is longer than this server accepts (an admin sets the limit).",
      advice: "Cut it into shorter parts and upload those, or ask an admin to raise the limit.",
      actions: ["upload", "delete"],
      playable: true,
    };
  const file = FILE_PROBLEMS.find(([re]) => re.test(raw));
  if (file && !/^analysis failed/i.test(raw))
    return {
      reason: file[1],
      advice: "Upload the file again (an MP4 with H.264 video plays everywhere), then delete this one.",
      actions: ["upload", "delete"],
      playable: false,
    };
  if (/model unavailable/i.test(raw))
    return {
      reason: "The highlight model could not be loaded by the worker.",
      advice: "Ask an admin to check the model files on the worker, then re-analyse.",
      actions: ["reanalyze", "delete"],
      playable: true,
    };
  if (/^analysis failed/i.test(raw))
    return {
      reason: "The video was read, but finding its highlights stopped with an error.",
      advice: "Re-analyse it. If it fails again, ask an admin to look at the worker's log.",
      actions: ["reanalyze", "delete"],
      playable: true,
    };
  return {
    reason: "Processing stopped with an error.",
    advice: "Re-analyse it; if that fails too, upload the file again.",
    actions: ["reanalyze", "upload", "delete"],
    playable: true,
  };
}
