import { describe, expect, it } from "vitest";
import { cueAt, parseThumbVtt } from "./vtt";

const VTT = `WEBVTT

1
00:00:00.000 --> 00:00:10.000
https://s3/sprite.jpg?X-Amz-Signature=ab%2Ccd#xywh=0,0,160,90

2
00:00:10.000 --> 00:00:20.000
https://s3/sprite.jpg?X-Amz-Signature=ab%2Ccd#xywh=160,0,160,90

01:00:00.000 --> 01:00:05.500
https://s3/sprite.jpg#xywh=320,90,160,90
`;

describe("thumbnail VTT", () => {
  it("parses cues with their sprite rectangles, keeping the signed URL intact", () => {
    const cues = parseThumbVtt(VTT);
    expect(cues).toHaveLength(3);
    expect(cues[1]).toEqual({
      start: 10,
      end: 20,
      url: "https://s3/sprite.jpg?X-Amz-Signature=ab%2Ccd",
      x: 160,
      y: 0,
      w: 160,
      h: 90,
    });
    expect(cues[2]!.end).toBe(3605.5);
  });
  it("finds the cue at a time", () => {
    const cues = parseThumbVtt(VTT);
    expect(cueAt(cues, 9.99)?.x).toBe(0);
    expect(cueAt(cues, 10)?.x).toBe(160);
    expect(cueAt(cues, 25)).toBeNull();
    expect(cueAt(cues, 3605.7)?.x).toBe(320);
    expect(cueAt([], 1)).toBeNull();
  });
});
