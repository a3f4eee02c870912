import { describe, expect, it } from "vitest";
import { sniff, startsLikeMp4 } from "./sniff";

const head = (s: string | Uint8Array) => {
  const bytes = typeof s === "string" ? new TextEncoder().encode(s) : s;
  return { size: bytes.length, head: bytes };
};

describe("sniff", () => {
  it("names an empty file, a web page, a playlist and plain text", () => {
    expect(sniff({ size: 0, head: new Uint8Array() })).toMatch(/^the file is empty/);
    expect(sniff(head("\n  <!DOCTYPE html><html><body>404</body></html>"))).toMatch(
      /^this is a web page \(HTML\)/,
    );
    expect(sniff(head("<html lang=en><head>"))).toMatch(/web page/);
    expect(sniff(head("#EXTM3U\n#EXT-X-VERSION:3\n"))).toMatch(/playlist/);
    expect(sniff(head("match notes: ä ö ü\n".repeat(20)))).toBe("this is a text file, not a video");
  });

  it("leaves binary files to ffprobe", () => {
    const mp4 = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode("ftypmp42"), 0, 0, 0, 0]);
    expect(sniff(head(mp4))).toBeNull();
    expect(startsLikeMp4(mp4)).toBe(true);
    expect(sniff(head(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70])))).toBeNull();
    expect(startsLikeMp4(new TextEncoder().encode("hello world"))).toBe(false);
  });
});
