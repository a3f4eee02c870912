import type { Prepared } from "./model";
import { fpsOf } from "./timecode";

// OpenTimelineIO's native JSON (.otio), schema versions as written by OTIO 0.15–0.17.
const rt = (value: number, rate: number) => ({ OTIO_SCHEMA: "RationalTime.1", rate, value });
const range = (start: number, duration: number, rate: number) => ({
  OTIO_SCHEMA: "TimeRange.1",
  duration: rt(duration, rate),
  start_time: rt(start, rate),
});

/** One video track (and one audio track when the source has sound) holding the highlights end to end. */
export function toOtio(p: Prepared): string {
  const rate = fpsOf(p.rate);
  const total = Math.round(p.video.durationS * rate);
  const media = {
    OTIO_SCHEMA: "ExternalReference.1",
    metadata: {},
    name: p.video.originalName,
    available_range: range(0, total, rate),
    target_url: p.video.originalName,
  };
  const clip = (it: Prepared["items"][number]) => ({
    OTIO_SCHEMA: "Clip.2",
    metadata: {
      matchcut: {
        id: it.id,
        label: it.label,
        status: it.status,
        peak: it.peak,
        mean: it.mean,
        note: it.note,
      },
    },
    name: it.name,
    source_range: range(it.startFrame, it.endFrame - it.startFrame, rate),
    effects: [],
    markers: [],
    enabled: true,
    media_references: { DEFAULT_MEDIA: media },
    active_media_reference_key: "DEFAULT_MEDIA",
  });
  const track = (kind: "Video" | "Audio") => ({
    OTIO_SCHEMA: "Track.1",
    metadata: {},
    name: kind === "Video" ? "V1" : "A1",
    source_range: null,
    effects: [],
    markers: [],
    enabled: true,
    children: p.items.map(clip),
    kind,
  });
  const timeline = {
    OTIO_SCHEMA: "Timeline.1",
    metadata: { matchcut: { videoId: p.video.id, timecode: "non-drop" } },
    name: `${p.video.title} highlights`,
    global_start_time: rt(0, rate),
    tracks: {
      OTIO_SCHEMA: "Stack.1",
      metadata: {},
      name: "tracks",
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      children: p.video.hasAudio ? [track("Video"), track("Audio")] : [track("Video")],
    },
  };
  return JSON.stringify(timeline, null, 2);
}
