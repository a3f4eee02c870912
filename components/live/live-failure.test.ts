import { describe, expect, it } from "vitest";
import { liveFailureHelp } from "./live-failure";

describe("liveFailureHelp", () => {
  it("explains the worker's live errors in plain words", () => {
    expect(liveFailureHelp("https://cdn.example/live.m3u8: HTTP 404").reason).toMatch(/no longer has/);
    expect(liveFailureHelp("https://cdn.example/live.m3u8: connect ECONNREFUSED").reason).toMatch(/reached/);
    expect(liveFailureHelp("not an HLS playlist (it does not start with #EXTM3U)").advice).toMatch(/\.m3u8/);
    expect(liveFailureHelp("encrypted streams are not supported (EXT-X-KEY METHOD=AES-128)").reason).toMatch(
      /encryption/,
    );
    expect(liveFailureHelp("no frames could be decoded from the segment").reason).toMatch(/decoded/);
  });

  it("has an answer for anything else", () => {
    expect(liveFailureHelp(null).reason).toMatch(/stopped with an error/);
  });
});
