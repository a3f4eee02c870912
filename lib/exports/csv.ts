import { itemSeconds, type Prepared } from "./model";
import { framesToTimecode } from "./timecode";

const HEADER = [
  "index",
  "name",
  "label",
  "status",
  "start_s",
  "end_s",
  "duration_s",
  "start_frame",
  "end_frame",
  "start_tc",
  "end_tc",
  "peak",
  "mean",
  // last, so the columns readers already pick by position keep their places (issue #24)
  "note",
];

// RFC 4180: quote every text field, double inner quotes; CRLF line ends (what spreadsheets expect).
const q = (s: string) => `"${s.replaceAll('"', '""')}"`;

export function toCsv(p: Prepared): string {
  const rows = p.items.map((it) => {
    const s = itemSeconds(it, p.rate);
    return [
      String(it.index),
      q(it.name),
      q(it.label),
      q(it.status),
      s.start.toFixed(6),
      s.end.toFixed(6),
      (s.end - s.start).toFixed(6),
      String(it.startFrame),
      String(it.endFrame),
      framesToTimecode(it.startFrame, p.rate),
      framesToTimecode(it.endFrame, p.rate),
      it.peak.toFixed(4),
      it.mean.toFixed(4),
      q(it.note ?? ""),
    ].join(",");
  });
  return [HEADER.join(","), ...rows].join("\r\n") + "\r\n";
}
