import { itemSeconds, type Prepared } from "./model";
import { framesToTimecode, fpsOf } from "./timecode";

export function toJson(p: Prepared): string {
  const { video, rate } = p;
  return JSON.stringify(
    {
      format: "matchcut.highlights/1",
      // Times are snapped to frames; timecode is non-drop (see lib/exports/timecode.ts).
      timecode: "non-drop",
      video: {
        id: video.id,
        title: video.title,
        fileName: video.originalName,
        fps: fpsOf(rate),
        durationS: video.durationS,
      },
      highlights: p.items.map((it) => {
        const s = itemSeconds(it, rate);
        return {
          id: it.id,
          name: it.name,
          note: it.note,
          label: it.label,
          status: it.status,
          startS: round6(s.start),
          endS: round6(s.end),
          startFrame: it.startFrame,
          endFrame: it.endFrame,
          startTimecode: framesToTimecode(it.startFrame, rate),
          endTimecode: framesToTimecode(it.endFrame, rate),
          peak: it.peak,
          mean: it.mean,
        };
      }),
    },
    null,
    2,
  );
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
