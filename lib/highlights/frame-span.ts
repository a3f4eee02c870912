// The one rule that turns a highlight's seconds into source frames, shared by the review room, the clip
// cutter (worker/ffmpeg/clip-commands.ts) and what the exports count: each edge rounds to the NEAREST
// frame, the end is exclusive, a span keeps at least one frame and stays inside the file. Browser-safe.

export interface FrameSpan {
  startFrame: number;
  /** exclusive */
  endFrame: number;
  frames: number;
}

export function frameSpan(startS: number, endS: number, fps: number, durationS: number): FrameSpan {
  const total = Math.max(1, Math.floor(durationS * fps + 1e-6));
  const startFrame = Math.min(Math.round(startS * fps), total - 1);
  const endFrame = Math.min(Math.max(Math.round(endS * fps), startFrame + 1), total);
  return { startFrame, endFrame, frames: endFrame - startFrame };
}
