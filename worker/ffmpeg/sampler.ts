import { env } from "@/lib/platform/env";

/**
 * Issue #25: the 4-fps sampler needs one frame in six of a 25-fps source, yet decoding every frame cost
 * as much as the rest of the analysis. Frames that no other frame refers to (most B-frames) can be left
 * undecoded without changing a pixel of the others: `-skip_frame noref`. The fps filter then takes, for
 * each slot, the last decoded frame before the slot's rounding edge, as it did among all frames; a slot
 * whose frame was left out gets the reference frame before it (one or two source frames earlier).
 *
 * Not `-skip_frame bidir` (I and P frames only): x264's default B-pyramid keeps one B-frame of each
 * group as a reference that P-frames predict from. With it skipped, the P-frames of the wc2022-arg-fra
 * clips decoded wrong, drifting to 22 dB PSNR by the end of a GOP. `noref` keeps those B-frames.
 *
 * Only H.264 was checked (frames kept bit-identical to a full decode, by framemd5); others
 * decode every frame. libdav1d (AV1) in ffmpeg 5.1 sampled no frame at all of a shared clip with it set.
 */
const SKIPPABLE = new Set(["h264"]);

export type SkipFrames = "noref" | undefined;

/** The frames the sampler may leave undecoded for a source whose video codec is `codec`. */
export function skipFramesFor(codec: string | undefined): SkipFrames {
  if (env().ANALYZE_SAMPLER === "every" || !codec) return undefined;
  return SKIPPABLE.has(codec) ? "noref" : undefined;
}

/** Names the sampler in cache keys: features made by one are not reused by the other. */
export function samplerKey(): string {
  return env().ANALYZE_SAMPLER;
}
