import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import Timecode from "smpte-timecode";
import { describe, expect, it } from "vitest";
import { renderExport, type ExportHighlight, type ExportVideo } from "./index";

// Every format is parsed back with a parser that shares no code with the writers (csv-parse,
// fast-xml-parser, smpte-timecode, small regex readers below) and must land on the same frames.

const video = (fps: number): ExportVideo => ({
  id: "7c7c7c7c-0000-4000-8000-000000000001",
  title: 'Cup final "A" vs B, 2nd half',
  originalName: "final 2nd-half.mp4",
  fps,
  durationS: 5400,
  width: 1920,
  height: 1080,
  hasAudio: true,
});

const highlights: ExportHighlight[] = [
  { id: "h3", label: "penalty", status: "accepted", startS: 3725.3371, endS: 3741.02, peak: 0.97, mean: 0.8 },
  { id: "h1", label: "penalty", status: "suggested", startS: 12.46, endS: 20.0, peak: 0.9, mean: 0.7 },
  { id: "h2", label: "penalty", status: "rejected", startS: 300, endS: 310, peak: 0.6, mean: 0.5 },
  { id: "h4", label: "goal", status: "edited", startS: 17.01, endS: 29.99, peak: 0.88, mean: 0.66 },
];

// Independent expectation: nearest frame of the exact rate.
const exact = (fps: number) => (Math.abs(fps - 29.97) < 0.01 ? 30000 / 1001 : fps);
const expected = (fps: number) =>
  highlights
    .filter((h) => h.status !== "rejected")
    .sort((a, b) => a.startS - b.startS)
    .map((h) => ({
      id: h.id,
      start: Math.round(h.startS * exact(fps)),
      end: Math.round(h.endS * exact(fps)),
    }));

const render = (format: Parameters<typeof renderExport>[0], fps: number) =>
  renderExport(format, video(fps), highlights).body;

describe.each([25, 30, 29.97])("exports at %s fps parse back to the same frames", (fps) => {
  const want = expected(fps);
  const tcFrames = (tc: string) => new Timecode(tc, fps as 25 | 30 | 29.97, false).frameCount;

  it("JSON", () => {
    const doc = JSON.parse(render("json", fps)) as {
      highlights: { id: string; startS: number; endS: number; startFrame: number; startTimecode: string }[];
    };
    expect(doc.highlights.map((h) => h.id)).toEqual(want.map((w) => w.id));
    doc.highlights.forEach((h, i) => {
      expect(Math.round(h.startS * exact(fps))).toBe(want[i]!.start);
      expect(Math.round(h.endS * exact(fps))).toBe(want[i]!.end);
      expect(tcFrames(h.startTimecode)).toBe(want[i]!.start);
    });
  });

  it("CSV", () => {
    const rows = parseCsv(render("csv", fps), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(want.length);
    rows.forEach((r, i) => {
      expect(Math.round(Number(r.start_s) * exact(fps))).toBe(want[i]!.start);
      expect(Math.round(Number(r.end_s) * exact(fps))).toBe(want[i]!.end);
      expect(tcFrames(r.start_tc!)).toBe(want[i]!.start);
      expect(tcFrames(r.end_tc!)).toBe(want[i]!.end);
    });
    expect(rows[0]!.name).toBe("Penalty 1");
  });

  it("CMX3600 EDL", () => {
    const text = render("edl", fps);
    expect(text).toMatch(/^TITLE: .+\r\nFCM: NON-DROP FRAME\r\n/);
    const events = [
      ...text.matchAll(/^(\d{3})\s+(\S+)\s+(\S+)\s+C\s+([\d:]{11}) ([\d:]{11}) ([\d:]{11}) ([\d:]{11})$/gm),
    ];
    expect(events).toHaveLength(want.length);
    let rec = tcFrames("01:00:00:00");
    events.forEach((e, i) => {
      const [srcIn, srcOut, recIn, recOut] = [e[4]!, e[5]!, e[6]!, e[7]!].map(tcFrames) as [
        number,
        number,
        number,
        number,
      ];
      expect([srcIn, srcOut]).toEqual([want[i]!.start, want[i]!.end]);
      // Record side: events butt together, each as long as its source.
      expect(recIn).toBe(rec);
      expect(recOut - recIn).toBe(srcOut - srcIn);
      rec = recOut;
      expect(e[3]).toBe("AA/V");
    });
  });

  it("FCPXML", () => {
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (n) => n === "asset-clip",
    });
    const doc = xml.parse(render("fcpxml", fps)) as {
      fcpxml: {
        version: string;
        resources: { format: { frameDuration: string } };
        library: { event: { project: { sequence: { spine: { "asset-clip": Record<string, string>[] } } } } };
      };
    };
    const secs = (t: string) => {
      const m = /^(\d+)(?:\/(\d+))?s$/.exec(t);
      if (!m) throw new Error(`bad time ${t}`);
      return Number(m[1]) / Number(m[2] ?? 1);
    };
    const frameS = secs(doc.fcpxml.resources.format.frameDuration);
    expect(1 / frameS).toBeCloseTo(exact(fps), 6);
    const clips = doc.fcpxml.library.event.project.sequence.spine["asset-clip"];
    expect(clips).toHaveLength(want.length);
    let offset = 0;
    clips.forEach((c, i) => {
      // Every time must be a whole number of frames: FCP rejects off-grid values.
      const f = (t: string) => secs(t) / frameS;
      expect(f(c.start!)).toBeCloseTo(want[i]!.start, 9);
      expect(f(c.duration!)).toBeCloseTo(want[i]!.end - want[i]!.start, 9);
      expect(f(c.offset!)).toBeCloseTo(offset, 9);
      offset += f(c.duration!);
    });
  });

  it("OpenTimelineIO", () => {
    interface RT {
      OTIO_SCHEMA: string;
      value: number;
      rate: number;
    }
    const doc = JSON.parse(render("otio", fps)) as {
      OTIO_SCHEMA: string;
      tracks: {
        children: {
          kind: string;
          children: { OTIO_SCHEMA: string; source_range: { start_time: RT; duration: RT } }[];
        }[];
      };
    };
    expect(doc.OTIO_SCHEMA).toBe("Timeline.1");
    const [v, a] = doc.tracks.children;
    expect([v!.kind, a!.kind]).toEqual(["Video", "Audio"]);
    v!.children.forEach((c, i) => {
      expect(c.OTIO_SCHEMA).toBe("Clip.2");
      const { start_time: s, duration: d } = c.source_range;
      expect(s.OTIO_SCHEMA).toBe("RationalTime.1");
      expect(s.rate).toBeCloseTo(exact(fps), 6);
      expect(Math.round((s.value / s.rate) * exact(fps))).toBe(want[i]!.start);
      expect(Math.round(((s.value + d.value) / d.rate) * exact(fps))).toBe(want[i]!.end);
    });
  });

  it("YouTube chapters (whole seconds by YouTube's rules)", () => {
    const lines = render("chapters", fps).trim().split("\n");
    const parsed = lines.map((l) => {
      const m = /^(?:(\d+):)?(\d{1,2}):(\d{2}) (.+)$/.exec(l);
      if (!m) throw new Error(`bad chapter line ${l}`);
      return { at: Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]), title: m[4]! };
    });
    expect(parsed[0]!.at).toBe(0);
    expect(parsed[0]!.title).toBe("Kick-off");
    // The goal at 17.01 s is within 10 s of the penalty at 12.46 s: merged into its chapter, not dropped.
    expect(parsed[1]).toEqual({ at: 12, title: "Penalty 1 & Goal 1" });
    expect(parsed[2]).toEqual({ at: Math.floor(want[2]!.start / exact(fps)), title: "Penalty 2" });
    expect(lines[2]).toMatch(/^1:02:0[45] Penalty 2$/);
    for (let i = 1; i < parsed.length; i++)
      expect(parsed[i]!.at - parsed[i - 1]!.at).toBeGreaterThanOrEqual(10);
  });
});
