import { describe, expect, it } from "vitest";
import { keyframeArgs, keyframeTimesArgs, seekFrameArgs } from "./coarse-commands";

describe("coarse pass ffmpeg arguments", () => {
  it("decodes keyframes only, one output frame per keyframe, squashed to the model size", () => {
    expect(keyframeArgs({ input: "/v/in.mp4", size: 224 })).toEqual([
      ...["-hide_banner", "-nostdin", "-v", "error"],
      ...["-skip_frame", "nokey", "-i", "/v/in.mp4", "-map", "0:v:0", "-an", "-sn", "-dn"],
      ...["-fps_mode", "passthrough", "-vf", "scale=224:224:flags=area"],
      ...["-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"],
    ]);
  });

  it("reconnects on presigned URLs and passes threads", () => {
    const args = keyframeArgs({ input: "https://s3/x.mp4?sig=1", size: 224, threads: 1 });
    expect(args.slice(4, 13)).toEqual([
      ...["-reconnect", "1", "-reconnect_on_network_error", "1", "-reconnect_delay_max", "5"],
      ...["-threads", "1", "-skip_frame"],
    ]);
  });

  it("seeks before the input and takes one frame", () => {
    expect(seekFrameArgs({ input: "/v/in.mp4", size: 224, atS: 12.0000004 })).toEqual([
      ...["-hide_banner", "-nostdin", "-v", "error"],
      ...["-ss", "12", "-i", "/v/in.mp4", "-map", "0:v:0", "-an", "-sn", "-dn"],
      ...[
        "-frames:v",
        "1",
        "-vf",
        "scale=224:224:flags=area",
        "-pix_fmt",
        "rgb24",
        "-f",
        "rawvideo",
        "pipe:1",
      ],
    ]);
  });

  it("lists keyframe packet times without decoding", () => {
    expect(keyframeTimesArgs("/v/in.mp4")).toEqual([
      ...["-hide_banner", "-v", "error", "-select_streams", "v:0"],
      ...["-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", "/v/in.mp4"],
    ]);
  });
});
