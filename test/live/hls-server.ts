// Test and benchmark support: HLS made by ffmpeg, served on 127.0.0.1 (ephemeral port) by a tiny http
// server. `serveLive` publishes pre-cut segments as a live playlist under the caller's control (publish,
// drop a segment → 404, end, reset); `serveDir` serves whatever ffmpeg is writing (the real-time bench).
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

export interface CutSegment {
  file: string;
  durationS: number;
}

/**
 * Re-encodes `input` with a keyframe every second and cuts exact `segmentS` segments (VOD list). With
 * `copy`, an input that already has such keyframes (test/match.ts buildMatch `keyframeEveryS`) is cut
 * as it is.
 */
export async function cutHls(
  input: string,
  dir: string,
  segmentS: number,
  opts: { copy?: boolean } = {},
): Promise<CutSegment[]> {
  const codec = opts.copy
    ? ["-c", "copy"]
    : [
        ...["-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0"],
        ...["-r", "25", "-c:a", "aac"],
      ];
  await promisify(execFile)("ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y", "-i", input],
    ...codec,
    ...["-f", "hls", "-hls_time", String(segmentS), "-hls_playlist_type", "vod"],
    ...["-hls_segment_filename", path.join(dir, "seg%03d.ts"), path.join(dir, "vod.m3u8")],
  ]);
  const text = await readFile(path.join(dir, "vod.m3u8"), "utf8");
  const out: CutSegment[] = [];
  let dur = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#EXTINF:")) dur = Number.parseFloat(line.slice(8));
    else if (line && !line.startsWith("#")) out.push({ file: path.join(dir, line.trim()), durationS: dur });
  }
  return out;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface LiveServer {
  url: string; // the media playlist
  masterUrl: string; // a master playlist pointing at it (plus a taller variant that must not be picked)
  publish(count?: number): void;
  missing: Set<number>; // published sequence numbers answered with 404
  end(): void;
  // the encoder restarts: numbering from 0 again, with these segments
  restart(segments: CutSegment[]): void;
  published(): number;
  close(): Promise<void>;
}

export async function serveLive(segments: CutSegment[], opts: { window?: number } = {}): Promise<LiveServer> {
  let list = segments;
  let shown = 0;
  let ended = false;
  let generation = 0;
  const missing = new Set<number>();
  const td = Math.ceil(Math.max(...segments.map((s) => s.durationS)));
  const playlist = () => {
    const first = opts.window ? Math.max(0, shown - opts.window) : 0;
    const lines = [
      "#EXTM3U",
      "#EXT-X-VERSION:3",
      `#EXT-X-TARGETDURATION:${td}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
    ];
    for (let i = first; i < shown; i++)
      lines.push(`#EXTINF:${list[i]!.durationS.toFixed(6)},`, `g${generation}/seg${i}.ts`);
    if (ended) lines.push("#EXT-X-ENDLIST");
    return lines.join("\n") + "\n";
  };
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/live.m3u8")) {
      res.writeHead(200, { "Content-Type": "application/vnd.apple.mpegurl" }).end(playlist());
      return;
    }
    if (url.startsWith("/master.m3u8")) {
      res
        .writeHead(200, { "Content-Type": "application/vnd.apple.mpegurl" })
        .end(
          [
            "#EXTM3U",
            '#EXT-X-STREAM-INF:BANDWIDTH=9000000,RESOLUTION=1920x1080,CODECS="avc1.640028"',
            "missing-1080.m3u8",
            '#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f"',
            "live.m3u8",
          ].join("\n"),
        );
      return;
    }
    const m = /^\/g(\d+)\/seg(\d+)\.ts$/.exec(url);
    const i = m ? Number(m[2]) : -1;
    if (!m || Number(m[1]) !== generation || i >= shown || missing.has(i) || !list[i]) {
      res.writeHead(404).end("not found");
      return;
    }
    readFile(list[i]!.file).then(
      (b) => res.writeHead(200, { "Content-Type": "video/mp2t" }).end(b),
      () => res.writeHead(500).end(),
    );
  });
  const base = await listen(server);
  return {
    url: `${base}/live.m3u8`,
    masterUrl: `${base}/master.m3u8`,
    missing,
    publish: (count = 1) => void (shown = Math.min(list.length, shown + count)),
    end: () => void (ended = true),
    restart: (next) => {
      list = next;
      shown = 0;
      generation++;
    },
    published: () => shown,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Serves the files of `dir` (what a real-time ffmpeg HLS muxer is writing) and any fixed pages. */
export async function serveDir(
  dir: string,
  pages: Record<string, string> = {},
): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const name = path.basename((req.url ?? "/").replace(/\?.*$/, ""));
    if (pages[name] !== undefined) {
      res.writeHead(200, { "Content-Type": "text/html" }).end(pages[name]);
      return;
    }
    readFile(path.join(dir, name)).then(
      (b) => res.writeHead(200, { "Cache-Control": "no-cache" }).end(b),
      () => res.writeHead(404).end("not found"),
    );
  });
  const base = await listen(server);
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
