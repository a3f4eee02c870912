import { describe, expect, it } from "vitest";
import { planDress } from "../clips/reel-dress";
import { dressGraph, fitLowerThird, logoGeometry, logoPosition } from "./brand-commands";
import { planCut, reelSpec } from "./clip-commands";

const size = { w: 1280, h: 720 };
const brand = {
  size,
  font: "/f/Sans Bold.ttf",
  corner: "top_right" as const,
  intro: { frames: 50, lines: [{ textFile: "/t/0.txt", big: true }] },
  outro: null,
  lowerThirds: [{ textFile: "/t/1.txt", fontSize: 36 }, null],
};

describe("brand graph", () => {
  it("fits a lower-third to the frame's width: full size on 16:9, smaller on 9:16, cut below a 56th", () => {
    expect(fitLowerThird("Penalty 2", size)).toEqual({ text: "Penalty 2", fontSize: 36 });
    const name = "Kane sends the keeper the wrong way";
    expect(fitLowerThird(name, { w: 1080, h: 1920 })).toEqual({ text: name, fontSize: 35 });
    const long = `${name} and then the crowd goes wild`;
    const cut = fitLowerThird(long, { w: 1080, h: 1920 });
    expect(cut.fontSize).toBe(34);
    expect(cut.text.endsWith("…")).toBe(true);
    expect(cut.text.length * 0.64 * 34).toBeLessThanOrEqual(1080 - 2 * (77 + 32) - 64);
  });

  it("places the logo by the frame height, in its corner", () => {
    expect(logoGeometry(size)).toEqual({ logoH: 86, margin: 29 });
    expect(logoPosition("top_right", size, 130)).toEqual({ x: 1280 - 130 - 29, y: 29 });
    expect(logoPosition("bottom_left", size, 130)).toEqual({ x: 29, y: 720 - 86 - 29 });
  });

  it("dresses each segment and card: logo split once per use, lower-third from a file, silent card audio", () => {
    const g = dressGraph(
      { ...brand, logoInput: 2 },
      { fps: "25", fpsValue: 25, hasAudio: true, segments: 2 },
    );
    expect(g.filters[0]).toBe("[2:v:0]scale=-2:86,format=rgba,split=3[lg0][lg1][lg2]");
    expect(g.filters[1]).toBe(
      "color=c=0x101820:s=1280x720:r=25,trim=end_frame=50,setpts=PTS-STARTPTS,drawtext=fontfile='/f/Sans Bold.ttf':textfile='/t/0.txt':expansion=none:fontsize=55:fontcolor=white:x=(w-tw)/2:y=360-th/2,format=yuv420p,setsar=1[pre_cv_intro]",
    );
    expect(g.filters[2]).toBe(
      "[pre_cv_intro][lg0]overlay=x=main_w-overlay_w-29:y=29:eof_action=repeat,format=yuv420p,setsar=1[cv_intro]",
    );
    expect(g.filters).toContain(
      "anullsrc=r=48000:cl=stereo,atrim=end=2.000000,asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[ca_intro]",
    );
    expect(
      g.filters.some((f) =>
        f.startsWith(
          "[v0]drawtext=fontfile='/f/Sans Bold.ttf':textfile='/t/1.txt':expansion=none:fontsize=36:",
        ),
      ),
    ).toBe(true);
    expect(g.filters).toContain("[v1]format=yuv420p,setsar=1[pre_bv1]");
    expect(g.order).toEqual([
      { v: "[cv_intro]", a: "[ca_intro]" },
      { v: "[bv0]", a: "[ba0]" },
      { v: "[bv1]", a: "[ba1]" },
    ]);
  });

  it("joins the cards into the reel's concat and carries the chapters' titles", () => {
    const plans = [planCut(1, 2, 25, 10), planCut(3, 4, 25, 10)];
    const spec = reelSpec("/src.mp4", plans, { fps: 25, hasAudio: false }, "/r.mp4", {
      brand,
      logoPath: "/t/logo.png",
      chaptersPath: "/t/ch.txt",
    });
    expect(spec.inputs.map((i) => i.input)).toEqual(["/src.mp4", "/src.mp4", "/t/logo.png", "/t/ch.txt"]);
    expect(spec.inputs[3]!.inputOptions).toEqual(["-f", "ffmetadata"]);
    const graph = spec.outputOptions[spec.outputOptions.indexOf("-filter_complex") + 1]!;
    expect(graph.endsWith("[cv_intro][bv0][bv1]concat=n=3:v=1:a=0[v]")).toBe(true);
    const o = spec.outputOptions;
    expect(o[o.indexOf("-map_chapters") + 1]).toBe("3");
    expect(o[o.indexOf("-map_metadata") + 1]).toBe("3");
  });

  it("plans the shoot-out's words from the editor's tags, never guessed", () => {
    const seg = (id: string, kick: "scored" | "missed" | null, name: string | null = null) => ({
      id,
      label: "penalty",
      status: "accepted" as const,
      startS: 0,
      endS: 1,
      kick,
      name,
      number: 1,
    });
    const w = planDress(
      { title: "Brazil v Croatia", date: new Date("2022-12-09T18:00:00Z"), shootout: true, brand: null },
      [seg("a", "scored"), seg("b", "missed", "Rodrygo"), seg("c", null)],
    );
    expect(w.lowerThirds).toEqual(["Kick 1 · scored", "Kick 2 · missed — Rodrygo", "Kick 3"]);
    expect(w.outro!.map((l) => l.text)).toEqual([
      "Shoot-out",
      "1 scored · 1 missed · 1 not tagged",
      "9 December 2022",
    ]);
    expect(w.chapters.at(-1)).toBe("Tally: 1 scored · 1 missed · 1 not tagged");
  });
});
