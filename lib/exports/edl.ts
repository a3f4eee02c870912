import { oneLine, type Prepared } from "./model";
import { framesToTimecode } from "./timecode";

// Record side starts at 01:00:00:00, the usual programme start in NLE sequences.
const RECORD_START_S = 3600;

// CMX3600 allows 8-character reel names of [A-Z0-9_]; the real file name goes in the FROM CLIP NAME comment.
export function reelName(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, "")
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, "");
  return (base || "AX").slice(0, 8);
}

/**
 * CMX3600 EDL: one cut event per highlight, laid end to end on the record side. Channels "AA/V" =
 * video + stereo audio, which Premiere, Resolve and Avid all read.
 */
export function toEdl(p: Prepared): string {
  const { rate } = p;
  const reel = reelName(p.video.originalName);
  const channels = p.video.hasAudio ? "AA/V" : "V";
  const lines = [
    `TITLE: ${oneLine(p.video.title).slice(0, 70) || "Matchcut highlights"}`,
    "FCM: NON-DROP FRAME",
    "",
  ];
  let rec = RECORD_START_S * rate.base;
  for (const it of p.items) {
    const len = it.endFrame - it.startFrame;
    const tc = (f: number) => framesToTimecode(f, rate);
    lines.push(
      `${String(it.index).padStart(3, "0")}  ${reel.padEnd(8)} ${channels.padEnd(5)} C        ${tc(it.startFrame)} ${tc(it.endFrame)} ${tc(rec)} ${tc(rec + len)}`,
      `* FROM CLIP NAME: ${oneLine(p.video.originalName)}`,
      `* COMMENT: ${it.name} (${it.status}, peak ${it.peak.toFixed(2)})`,
      // The note as a comment line of its own: NLEs show every "* COMMENT:" of an event.
      ...(it.note ? [`* COMMENT: ${it.note}`] : []),
      "",
    );
    rec += len;
  }
  return lines.join("\r\n");
}
