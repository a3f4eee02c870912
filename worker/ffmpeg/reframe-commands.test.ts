import { describe, expect, it } from "vitest";
import { brandedClipSpec, reframeSpec, sendcmdScript, sheetSpec } from "./reframe-commands";

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

  it("brands a clip as a reel segment is dressed: crop first, then lower-third and logo; no cards, audio copied", () => {
    const dress = {
      brand: {
        size: { w: 606, h: 1080 },
        font: "/f/sans.ttf",
        corner: "top_left" as const,
        lowerThirds: [{ textFile: "/t/1.txt", fontSize: 30 }],
      },
      logoPath: "/t/logo.png",
    };
    const crop = { cmdFile: "/t/c.cmd", w: 606, h: 1080, x0: 40 };
    const s = brandedClipSpec("in.mp4", crop, dress, { fps: 25, hasAudio: true }, "o.mp4");
    expect(s.inputs.map((i) => i.input)).toEqual(["in.mp4", "/t/logo.png"]);
    const o = s.outputOptions;
    expect(o[1]!.split(";")).toEqual([
      "[0:v:0]setpts=PTS-STARTPTS,sendcmd=f=/t/c.cmd,crop=w=606:h=1080:x=40:y=0:exact=1[v0]",
      "[1:v:0]scale=-2:130,format=rgba[lg0]",
      "[v0]drawtext=fontfile='/f/sans.ttf':textfile='/t/1.txt':expansion=none:fontsize=30:fontcolor=white:box=1:boxcolor=black@0.65:boxborderw=18:x=61:y=h-th-61,format=yuv420p,setsar=1[pre_bv0]",
      "[pre_bv0][lg0]overlay=x=43:y=43:eof_action=repeat,format=yuv420p,setsar=1[bv0]",
    ]);
    expect(o.slice(2, 8)).toEqual(["-map", "[bv0]", "-map", "0:a:0?", "-c:a", "copy"]);
    expect(o).toContain("passthrough");
    // 16:9 with the brand and no logo: no crop, no second input
    const wide = brandedClipSpec(
      "in.mp4",
      null,
      { ...dress, logoPath: null },
      { fps: 25, hasAudio: false },
      "o.mp4",
    );
    expect(wide.inputs).toHaveLength(1);
    expect(wide.outputOptions[1]!.startsWith("[0:v:0]setpts=PTS-STARTPTS[v0];[v0]drawtext=")).toBe(true);
    expect(wide.outputOptions).toContain("-an");
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
