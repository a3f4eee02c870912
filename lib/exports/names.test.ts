import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderExport, type ExportHighlight, type ExportVideo } from "./index";

// Issue #24 item 7: the editor's name and note for a highlight reach every format, read back with a
// parser that shares no code with the writers. Markup and line breaks in them must not break the file.

const video: ExportVideo = {
  id: "7c7c7c7c-0000-4000-8000-000000000002",
  title: "Cup final",
  originalName: "final.mp4",
  fps: 25,
  durationS: 5400,
  width: 1920,
  height: 1080,
  hasAudio: true,
};

const NAME = `Messi's "Panenka" <chip> & run`;
const NOTE = "Keeper dives left,\nball in the middle";
const NOTE_LINE = "Keeper dives left, ball in the middle";

const highlights: ExportHighlight[] = [
  {
    id: "named",
    label: "penalty",
    status: "accepted",
    startS: 60,
    endS: 70,
    peak: 0.9,
    mean: 0.8,
    name: NAME,
    note: NOTE,
  },
  {
    id: "plain",
    label: "penalty",
    status: "suggested",
    startS: 300,
    endS: 310,
    peak: 0.7,
    mean: 0.6,
    name: null,
    note: null,
  },
  {
    id: "blank",
    label: "goal",
    status: "edited",
    startS: 900,
    endS: 912,
    peak: 0.8,
    mean: 0.7,
    name: "  ",
    note: "",
  },
];

const render = (format: Parameters<typeof renderExport>[0]) => renderExport(format, video, highlights).body;

describe("highlight names and notes in the exports", () => {
  it("JSON: name and note; unnamed ones keep their label name and a null note", () => {
    const doc = JSON.parse(render("json")) as {
      highlights: { id: string; name: string; note: string | null }[];
    };
    expect(doc.highlights.map((h) => [h.id, h.name, h.note])).toEqual([
      ["named", NAME, NOTE_LINE],
      ["plain", "Penalty 2", null],
      ["blank", "Goal 1", null],
    ]);
  });

  it("CSV: name column, and the note as the last column", () => {
    const rows = parseCsv(render("csv"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.name, r.note])).toEqual([
      [NAME, NOTE_LINE],
      ["Penalty 2", ""],
      ["Goal 1", ""],
    ]);
    // The note column did not shift the others.
    expect(rows[0]!.label).toBe("penalty");
    expect(rows[0]!.start_tc).toBe("00:01:00:00");
  });

  it("CMX3600 EDL: the name in the event's comment, the note in a second comment, one line each", () => {
    const events = render("edl").trimEnd().split("\r\n\r\n").slice(1);
    expect(events).toHaveLength(3);
    const first = events[0]!.split("\r\n");
    expect(first[0]).toMatch(/^001 /);
    expect(first.slice(1)).toEqual([
      "* FROM CLIP NAME: final.mp4",
      `* COMMENT: ${NAME} (accepted, peak 0.90)`,
      `* COMMENT: ${NOTE_LINE}`,
    ]);
    // No note: no empty comment line.
    expect(events[1]!.split("\r\n").filter((l) => l.startsWith("* COMMENT"))).toEqual([
      "* COMMENT: Penalty 2 (suggested, peak 0.70)",
    ]);
  });

  it("FCPXML: the clip's name attribute and its note element, escaped", () => {
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (n) => n === "asset-clip",
    }).parse(render("fcpxml")) as {
      fcpxml: {
        library: {
          event: { project: { sequence: { spine: { "asset-clip": { name: string; note: string }[] } } } };
        };
      };
    };
    const clips = doc.fcpxml.library.event.project.sequence.spine["asset-clip"];
    expect(clips.map((c) => c.name)).toEqual([NAME, "Penalty 2", "Goal 1"]);
    expect(clips[0]!.note).toBe(`${NOTE_LINE} — penalty · accepted · peak 0.90`);
    expect(clips[1]!.note).toBe("penalty · suggested · peak 0.70");
  });

  it("OpenTimelineIO: the clip's name and the note in its metadata", () => {
    const doc = JSON.parse(render("otio")) as {
      tracks: {
        children: { children: { name: string; metadata: { matchcut: { note: string | null } } }[] }[];
      };
    };
    for (const track of doc.tracks.children) {
      expect(track.children.map((c) => c.name)).toEqual([NAME, "Penalty 2", "Goal 1"]);
      expect(track.children.map((c) => c.metadata.matchcut.note)).toEqual([NOTE_LINE, null, null]);
    }
  });

  it("YouTube chapters: the name, then the note after a dash, cut at 100 characters", () => {
    expect(render("chapters").trim().split("\n")).toEqual([
      "0:00 Kick-off",
      `1:00 ${NAME} — ${NOTE_LINE}`,
      "5:00 Penalty 2",
      "15:00 Goal 1",
    ]);
    const long = renderExport("chapters", video, [{ ...highlights[0]!, note: "x".repeat(300) }]).body;
    const line = long.trim().split("\n")[1]!;
    expect(line.length).toBe("1:00 ".length + 100);
    expect(line.endsWith("…")).toBe(true);
  });
});
