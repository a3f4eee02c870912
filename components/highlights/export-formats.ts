// The download menu's export entries: what each file is and which editor opens it (one line each).
import type { TExportFormat } from "@/lib/exports";

export const EXPORT_FORMATS: Record<TExportFormat, { label: string; hint: string }> = {
  edl: { label: "EDL (CMX3600)", hint: "Premiere Pro, DaVinci Resolve, Avid Media Composer" },
  fcpxml: { label: "Final Cut XML", hint: "Final Cut Pro; also DaVinci Resolve" },
  otio: { label: "OpenTimelineIO", hint: "DaVinci Resolve, Kdenlive, Nuke Studio / Hiero" },
  csv: { label: "CSV", hint: "Spreadsheets: Excel, Numbers, Google Sheets" },
  json: { label: "JSON", hint: "Scripts and other tools (frames, timecode, confidence)" },
  chapters: { label: "YouTube chapters", hint: "Paste into the video's description on YouTube" },
};
