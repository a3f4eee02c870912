import { describe, expect, it } from "vitest";
import { frameArgs, sampleFilter } from "./commands";

describe("frameArgs", () => {
  it("builds a whole-file raw rgb24 decode at the model rate", () => {
    expect(frameArgs({ input: "/v/a.mp4", rate: 4, size: 224 })).toEqual([
      "-hide_banner",
      "-nostdin",
      "-v",
      "error",
      "-i",
      "/v/a.mp4",
      "-map",
      "0:v:0",
      "-an",
      "-sn",
      "-dn",
      "-vf",
      "fps=fps=4:start_time=0:round=near,scale=224:224:flags=area",
      "-pix_fmt",
      "rgb24",
      "-f",
      "rawvideo",
      "pipe:1",
    ]);
  });

  it("seeks on the input and limits the sampled output for a time chunk", () => {
    const args = frameArgs({
      input: "/v/a.mp4",
      rate: 4,
      size: 224,
      startS: 60.25,
      durationS: 30,
      threads: 2,
    });
    expect(args.slice(4, 10)).toEqual(["-threads", "2", "-ss", "60.25", "-i", "/v/a.mp4"]);
    expect(args.slice(15, 17)).toEqual(["-t", "30"]);
  });

  it("adds reconnect options only for URLs", () => {
    const url = "https://s3.local/b/k.mp4?X-Amz-Signature=abc";
    const args = frameArgs({ input: url, rate: 4, size: 224 });
    expect(args.slice(4, 10)).toEqual([
      "-reconnect",
      "1",
      "-reconnect_on_network_error",
      "1",
      "-reconnect_delay_max",
      "5",
    ]);
    expect(frameArgs({ input: "/x.mp4", rate: 4, size: 224 })).not.toContain("-reconnect");
  });

  it("omits -ss at zero so the unchunked run reads from the very start", () => {
    expect(frameArgs({ input: "/v/a.mp4", rate: 4, size: 224, startS: 0 })).not.toContain("-ss");
  });
});

describe("sampleFilter", () => {
  it("puts augmentation between sampling and scaling", () => {
    expect(sampleFilter(8, 224, ["hflip", "eq=contrast=1.2"])).toBe(
      "fps=fps=8:start_time=0:round=near,hflip,eq=contrast=1.2,scale=224:224:flags=area",
    );
  });
});

describe("hardware decoding", () => {
  it("puts -hwaccel before the input", () => {
    const args = frameArgs({ input: "in.mp4", rate: 4, size: 224, hwaccel: "cuda" });
    expect(args.indexOf("-hwaccel")).toBeLessThan(args.indexOf("-i"));
    expect(args[args.indexOf("-hwaccel") + 1]).toBe("cuda");
  });

  it("adds nothing on CPU", () => {
    expect(frameArgs({ input: "in.mp4", rate: 4, size: 224, hwaccel: null })).not.toContain("-hwaccel");
  });
});

describe("the reference-frame sampler", () => {
  it("asks the decoder to skip non-reference frames, before the input", () => {
    const args = frameArgs({ input: "in.mp4", rate: 4, size: 224, startS: 8, skipFrames: "noref" });
    expect(args.slice(4, 10)).toEqual(["-skip_frame", "noref", "-ss", "8", "-i", "in.mp4"]);
    expect(args[args.indexOf("-vf") + 1]).toBe(sampleFilter(4, 224));
  });

  it("decodes every frame when told nothing", () => {
    expect(frameArgs({ input: "in.mp4", rate: 4, size: 224 })).not.toContain("-skip_frame");
  });
});
