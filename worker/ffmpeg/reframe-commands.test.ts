import { describe, expect, it } from "vitest";
import { reframeSpec, sendcmdScript, sheetSpec } from "./reframe-commands";

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

  it("draws the crop box on one frame a second, timed by frame index, tiled four to a row", () => {
    const s = sheetSpec(
      "in.mp4",
      "/tmp/b.cmd",
      { w: 606, h: 1080 },
      { fps: 25, frames: 110, cols: 4 },
      "s.png",
    );
    expect(s.outputOptions[3]).toBe(
      [
        "setpts=N/(25*TB)",
        "sendcmd=f=/tmp/b.cmd",
        "drawbox@crop=x=0:y=0:w=606:h=1080:color=yellow:t=12",
        "select=not(mod(n\\,25))",
        "scale=480:-2",
        "drawtext=text='%{eif\\:n*25\\:d}':x=8:y=8:fontsize=24:fontcolor=white:box=1:boxcolor=black",
        "tile=4x2",
      ].join(","),
    );
    expect(s.outputOptions.slice(-3)).toEqual(["-frames:v", "1", "-y"]);
  });
});
