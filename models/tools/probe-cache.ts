// ffprobe's facts of each data file (codec, lead), kept beside the feature cache by content hash:
// extract-features.ts needs every clip's codec to name its cache file, and probing ~300 clips on
// each run cost more than the run itself once everything is cached.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { videoFactsOf, type VideoFacts } from "@/worker/ffmpeg/ffprobe";

export class ProbeCache {
  private readonly known: Record<string, VideoFacts>;
  private dirty = false;

  constructor(private readonly file: string) {
    this.known = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, VideoFacts>)
      : {};
  }

  async facts(sha256: string, input: string): Promise<VideoFacts> {
    const hit = this.known[sha256];
    if (hit) return hit;
    const facts = await videoFactsOf(input);
    this.known[sha256] = facts;
    this.dirty = true;
    return facts;
  }

  save(): void {
    if (this.dirty) writeFileSync(this.file, JSON.stringify(this.known, null, 1));
    this.dirty = false;
  }
}
