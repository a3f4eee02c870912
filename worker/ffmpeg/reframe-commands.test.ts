import { describe, expect, it } from "vitest";
import { reframeSpec, sendcmdScript } from "./reframe-commands";

describe("reframe commands", () => {
  it("sets the crop a quarter frame before each frame, only where it moves", () => {
    expect(sendcmdScript([10, 10, 12, 12, 8], 25, "crop")).toBe(
      "0.000000 crop x 10;\n0.070000 crop x 12;\n0.150000 crop x 8;\n",
    );
  });

  it("crops every frame of the clip (no trim, same rate) and copies the audio", () => {
    const s = reframeSpec(
      "in.mp4",
      "/tmp/c.cmd",
      { w: 606, h: 1080, x0: 40 },
      { fps: "25", hasAudio: true },
      "o.mp4",
    );
    expect(s.outputOptions.slice(0, 7)).toEqual(["-map", "0:v:0", "-map", "0:a:0?", "-c:a", "copy", "-vf"]);
    expect(s.outputOptions[7]).toBe(
      "setpts=PTS-STARTPTS,sendcmd=f=/tmp/c.cmd,crop=w=606:h=1080:x=40:y=0:exact=1,format=yuv420p",
    );
    expect(s.outputOptions).toContain("passthrough");
  });
});
