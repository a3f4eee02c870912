// Pure argument-list builders for the coarse pass (issue #28), unit-tested as arrays.

export interface CoarseArgsOptions {
  input: string;
  size: number;
  threads?: number;
}

const isUrl = (input: string) => /^https?:\/\//i.test(input);
const secs = (s: number) => String(Math.round(s * 1e6) / 1e6);

function head(o: CoarseArgsOptions): string[] {
  const args = ["-hide_banner", "-nostdin", "-v", "error"];
  if (isUrl(o.input))
    args.push("-reconnect", "1", "-reconnect_on_network_error", "1", "-reconnect_delay_max", "5");
  if (o.threads !== undefined) args.push("-threads", String(o.threads));
  return args;
}

// Same squash scaler as the 4-fps sampler (commands.ts sampleFilter), so a keyframe's features are the
// features the fine pass computes for that picture.
const scale = (size: number) => `scale=${size}:${size}:flags=area`;

/**
 * Every keyframe, and nothing else: the decoder skips all other frames (`-skip_frame nokey`), and
 * `-fps_mode passthrough` stops the muxer from duplicating or dropping frames to fill a constant rate,
 * so frame k of the output is the k-th keyframe packet (keyframe-times.ts pairs them by order).
 */
export function keyframeArgs(o: CoarseArgsOptions): string[] {
  return [
    ...head(o),
    ...["-skip_frame", "nokey", "-i", o.input, "-map", "0:v:0", "-an", "-sn", "-dn"],
    ...["-fps_mode", "passthrough", "-vf", scale(o.size)],
    ...["-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"],
  ];
}

/** One picture at `atS`: an input seek (to the keyframe before it) then decode up to it. */
export function seekFrameArgs(o: CoarseArgsOptions & { atS: number }): string[] {
  return [
    ...head(o),
    ...["-ss", secs(o.atS), "-i", o.input, "-map", "0:v:0", "-an", "-sn", "-dn"],
    ...["-frames:v", "1", "-vf", scale(o.size), "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"],
  ];
}

/** Keyframe packet times without decoding anything (demux only). */
export function keyframeTimesArgs(input: string): string[] {
  return [
    ...["-hide_banner", "-v", "error", "-select_streams", "v:0"],
    ...["-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", input],
  ];
}
