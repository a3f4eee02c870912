// Pure argument-list builders for the ffmpeg processes this worker spawns (unit-tested as arrays).

export interface FrameArgsOptions {
  input: string;
  rate: number;
  size: number;
  startS?: number;
  durationS?: number;
  // Extra filters after sampling and before scaling: training-time augmentation only.
  augment?: readonly string[];
  threads?: number;
  // A hardware decoder (e.g. "cuda"); decoded frames are copied back for the CPU filters.
  hwaccel?: string | null;
  // Frames the decoder leaves out (./sampler.ts): "noref" decodes only the frames others refer to.
  skipFrames?: "noref";
}

const isUrl = (input: string) => /^https?:\/\//i.test(input);

// Keep seconds exact: frame slots are multiples of 1/rate and must line up across chunks.
const secs = (s: number) => String(Math.round(s * 1e6) / 1e6);

export function sampleFilter(rate: number, size: number, augment: readonly string[] = []): string {
  // fps before scale so only sampled frames are scaled; start_time=0 anchors slots at k/rate of
  // the (seek-relative) timeline; squash (no crop) keeps the whole picture, as in training.
  return [`fps=fps=${rate}:start_time=0:round=near`, ...augment, `scale=${size}:${size}:flags=area`].join(
    ",",
  );
}

export function frameArgs(o: FrameArgsOptions): string[] {
  const args = ["-hide_banner", "-nostdin", "-v", "error"];
  if (isUrl(o.input)) {
    // Presigned S3/HTTP: ffmpeg reads with range requests; reconnect survives a dropped socket.
    args.push("-reconnect", "1", "-reconnect_on_network_error", "1", "-reconnect_delay_max", "5");
  }
  if (o.threads !== undefined) args.push("-threads", String(o.threads));
  if (o.hwaccel) args.push("-hwaccel", o.hwaccel);
  // A decoder option, so before -i; the fps filter then picks among the decoded frames by the same rule.
  if (o.skipFrames) args.push("-skip_frame", o.skipFrames);
  if (o.startS !== undefined && o.startS > 0) args.push("-ss", secs(o.startS));
  args.push("-i", o.input, "-map", "0:v:0", "-an", "-sn", "-dn");
  // -t as an output option counts sampled-frame time (k/rate from the seek point); as an input
  // option it counts container time, which on files whose video starts late drops whole frames.
  if (o.durationS !== undefined) args.push("-t", secs(o.durationS));
  args.push("-vf", sampleFilter(o.rate, o.size, o.augment));
  args.push("-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1");
  return args;
}
