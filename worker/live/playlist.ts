// A small RFC 8216 (HLS) playlist parser: only the tags live following needs. Pure, unit-tested.
// Written here rather than adding an m3u8 package: playlists are line-based text, and what we must
// refuse (encryption, byte ranges) is easier to see in 150 lines we own.

export class PlaylistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlaylistError";
  }
}

export interface Variant {
  uri: string;
  bandwidth: number;
  width?: number;
  height?: number;
  codecs?: string;
}

export interface MasterPlaylist {
  kind: "master";
  variants: Variant[];
}

export interface MediaSegment {
  seq: number;
  uri: string;
  durationS: number;
  discontinuity: boolean;
  // fMP4 streams: the EXT-X-MAP initialisation section that must precede this segment's bytes
  mapUri?: string;
}

export interface MediaPlaylist {
  kind: "media";
  targetDurationS: number;
  mediaSequence: number;
  endList: boolean;
  playlistType?: "EVENT" | "VOD";
  segments: MediaSegment[];
}

export type Playlist = MasterPlaylist | MediaPlaylist;

// Attribute lists: KEY=value pairs, values optionally quoted (quoted values may contain commas).
export function parseAttributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
  for (const m of list.matchAll(re)) {
    const raw = m[2]!;
    out[m[1]!] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return out;
}

const tagValue = (line: string) => line.slice(line.indexOf(":") + 1);

export function parsePlaylist(text: string, baseUrl: string): Playlist {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines[0] !== "#EXTM3U") throw new PlaylistError("not an HLS playlist (it does not start with #EXTM3U)");
  const resolve = (uri: string) => new URL(uri, baseUrl).toString();

  if (lines.some((l) => l.startsWith("#EXT-X-STREAM-INF"))) {
    const variants: Variant[] = [];
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]!.startsWith("#EXT-X-STREAM-INF:")) continue;
      const attrs = parseAttributes(tagValue(lines[i]!));
      const uri = lines.slice(i + 1).find((l) => !l.startsWith("#"));
      if (!uri) throw new PlaylistError("master playlist: #EXT-X-STREAM-INF without a URI");
      const [w, h] = (attrs.RESOLUTION ?? "").split("x").map(Number);
      variants.push({
        uri: resolve(uri),
        bandwidth: Number(attrs["AVERAGE-BANDWIDTH"] ?? attrs.BANDWIDTH ?? 0) || 0,
        ...(w && h ? { width: w, height: h } : {}),
        ...(attrs.CODECS ? { codecs: attrs.CODECS } : {}),
      });
    }
    if (variants.length === 0) throw new PlaylistError("master playlist lists no variants");
    return { kind: "master", variants };
  }

  let targetDurationS: number | undefined;
  let mediaSequence = 0;
  let endList = false;
  let playlistType: MediaPlaylist["playlistType"];
  let pendingDuration: number | undefined;
  let discontinuity = false;
  let mapUri: string | undefined;
  const segments: MediaSegment[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith("#EXT-X-TARGETDURATION:")) targetDurationS = Number(tagValue(line));
    else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) mediaSequence = Number(tagValue(line));
    else if (line === "#EXT-X-ENDLIST") endList = true;
    else if (line.startsWith("#EXT-X-PLAYLIST-TYPE:")) {
      const t = tagValue(line);
      if (t === "EVENT" || t === "VOD") playlistType = t;
    } else if (line === "#EXT-X-DISCONTINUITY") discontinuity = true;
    else if (line.startsWith("#EXT-X-KEY:")) {
      const method = parseAttributes(tagValue(line)).METHOD ?? "NONE";
      if (method !== "NONE")
        throw new PlaylistError(`encrypted streams are not supported (EXT-X-KEY METHOD=${method})`);
    } else if (line.startsWith("#EXT-X-BYTERANGE")) {
      throw new PlaylistError("byte-range playlists (EXT-X-BYTERANGE) are not supported");
    } else if (line.startsWith("#EXT-X-MAP:")) {
      const attrs = parseAttributes(tagValue(line));
      if (attrs.BYTERANGE) throw new PlaylistError("byte-range EXT-X-MAP is not supported");
      if (!attrs.URI) throw new PlaylistError("#EXT-X-MAP without a URI");
      mapUri = resolve(attrs.URI);
    } else if (line.startsWith("#EXTINF:")) {
      pendingDuration = Number.parseFloat(tagValue(line).split(",")[0]!);
      if (!Number.isFinite(pendingDuration) || pendingDuration <= 0) {
        throw new PlaylistError(`bad segment duration "${line}"`);
      }
    } else if (!line.startsWith("#")) {
      if (pendingDuration === undefined) throw new PlaylistError(`segment "${line}" has no #EXTINF`);
      segments.push({
        seq: mediaSequence + segments.length,
        uri: resolve(line),
        durationS: pendingDuration,
        discontinuity,
        ...(mapUri ? { mapUri } : {}),
      });
      pendingDuration = undefined;
      discontinuity = false;
    }
  }
  if (targetDurationS === undefined || !Number.isFinite(targetDurationS) || targetDurationS <= 0) {
    throw new PlaylistError("media playlist has no valid #EXT-X-TARGETDURATION");
  }
  if (!Number.isInteger(mediaSequence) || mediaSequence < 0)
    throw new PlaylistError("bad #EXT-X-MEDIA-SEQUENCE");
  return { kind: "media", targetDurationS, mediaSequence, endList, playlistType, segments };
}

/**
 * The variant to follow: the highest bandwidth at most `maxHeight` tall (the model sees 224² anyway;
 * more pixels only cost decode time). Variants without a resolution count as fitting (often audio-less
 * single-rendition lists); if every variant is taller, the shortest one.
 */
export function pickVariant(variants: readonly Variant[], maxHeight: number): Variant {
  if (variants.length === 0) throw new PlaylistError("master playlist lists no variants");
  const video = variants.filter((v) => !v.codecs || /avc|hvc|hev|vp0?9|av01/i.test(v.codecs));
  const pool = video.length > 0 ? video : [...variants];
  const fitting = pool.filter((v) => v.height === undefined || v.height <= maxHeight);
  if (fitting.length > 0) return fitting.reduce((a, b) => (b.bandwidth > a.bandwidth ? b : a));
  return pool.reduce((a, b) => ((b.height ?? 0) < (a.height ?? 0) ? b : a));
}
