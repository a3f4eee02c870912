import { describe, expect, it } from "vitest";
import { parseAttributes, parsePlaylist, pickVariant, PlaylistError } from "./playlist";

const BASE = "http://127.0.0.1:8080/live/index.m3u8";

const media = [
  "#EXTM3U",
  "#EXT-X-VERSION:3",
  "#EXT-X-TARGETDURATION:10",
  "#EXT-X-MEDIA-SEQUENCE:41",
  "#EXTINF:10.000000,",
  "seg41.ts",
  "#EXT-X-DISCONTINUITY",
  "#EXTINF:9.96,title",
  "http://cdn.example/seg42.ts?token=a",
  "",
].join("\n");

describe("parsePlaylist (media)", () => {
  it("numbers segments from EXT-X-MEDIA-SEQUENCE and resolves URIs against the playlist", () => {
    const pl = parsePlaylist(media, BASE);
    expect(pl).toEqual({
      kind: "media",
      targetDurationS: 10,
      mediaSequence: 41,
      endList: false,
      playlistType: undefined,
      segments: [
        { seq: 41, uri: "http://127.0.0.1:8080/live/seg41.ts", durationS: 10, discontinuity: false },
        { seq: 42, uri: "http://cdn.example/seg42.ts?token=a", durationS: 9.96, discontinuity: true },
      ],
    });
  });

  it("reads ENDLIST, PLAYLIST-TYPE, CRLF line ends and a missing MEDIA-SEQUENCE (= 0)", () => {
    const pl = parsePlaylist(
      "#EXTM3U\r\n#EXT-X-PLAYLIST-TYPE:EVENT\r\n#EXT-X-TARGETDURATION:4\r\n#EXTINF:4,\r\na.ts\r\n#EXT-X-ENDLIST\r\n",
      BASE,
    );
    expect(pl.kind === "media" && [pl.endList, pl.playlistType, pl.segments[0]!.seq]).toEqual([
      true,
      "EVENT",
      0,
    ]);
  });

  it("carries the EXT-X-MAP init section of fMP4 streams onto each segment", () => {
    const pl = parsePlaylist(
      '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\n1.m4s\n',
      BASE,
    );
    expect(pl.kind === "media" && pl.segments[0]!.mapUri).toBe("http://127.0.0.1:8080/live/init.mp4");
  });

  it("refuses what is not a playlist or what it cannot follow, with a sentence an editor understands", () => {
    expect(() => parsePlaylist("<html>nope</html>", BASE)).toThrow(/not an HLS playlist/);
    expect(() => parsePlaylist("#EXTM3U\n#EXTINF:4,\na.ts\n", BASE)).toThrow(/TARGETDURATION/);
    expect(() =>
      parsePlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n', BASE),
    ).toThrow(/encrypted/);
    expect(() => parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-BYTERANGE:10@0\n", BASE)).toThrow(
      PlaylistError,
    );
    expect(() => parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\na.ts\n", BASE)).toThrow(/no #EXTINF/);
    expect(() => parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:abc,\na.ts\n", BASE)).toThrow(
      /bad segment duration/,
    );
  });

  it("accepts METHOD=NONE keys", () => {
    expect(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=NONE\n", BASE).kind).toBe(
      "media",
    );
  });
});

const master = [
  "#EXTM3U",
  '#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2"',
  "1080/index.m3u8",
  '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
  "720/index.m3u8",
  "#EXT-X-STREAM-INF:BANDWIDTH=1500000,RESOLUTION=854x480",
  "480/index.m3u8",
  '#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"',
  "audio/index.m3u8",
].join("\n");

describe("master playlists", () => {
  it("lists variants with bandwidth, resolution and codecs (quoted commas kept)", () => {
    const pl = parsePlaylist(master, BASE);
    expect(pl.kind).toBe("master");
    if (pl.kind !== "master") return;
    expect(pl.variants).toHaveLength(4);
    expect(pl.variants[1]).toEqual({
      uri: "http://127.0.0.1:8080/live/720/index.m3u8",
      bandwidth: 3000000,
      width: 1280,
      height: 720,
      codecs: "avc1.64001f,mp4a.40.2",
    });
  });

  it("picks the highest bandwidth at most maxHeight tall, never audio-only", () => {
    const pl = parsePlaylist(master, BASE);
    if (pl.kind !== "master") throw new Error("expected master");
    expect(pickVariant(pl.variants, 720).height).toBe(720);
    expect(pickVariant(pl.variants, 1080).height).toBe(1080);
    expect(pickVariant(pl.variants, 480).height).toBe(480);
    // all too tall: the shortest
    expect(pickVariant(pl.variants, 240).height).toBe(480);
  });

  it("parses attribute lists", () => {
    expect(parseAttributes('A=1,B="x,y",C-D=z')).toEqual({ A: "1", B: "x,y", "C-D": "z" });
  });
});
