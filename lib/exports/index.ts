import { z } from "zod";
import { toChapters } from "./chapters";
import { toCsv } from "./csv";
import { toEdl } from "./edl";
import { toFcpxml } from "./fcpxml";
import { toJson } from "./json";
import { prepare, type ExportHighlight, type ExportVideo, type Prepared } from "./model";
import { toOtio } from "./otio";

export const ZExportFormat = z.enum(["json", "csv", "edl", "fcpxml", "otio", "chapters"]);
export type TExportFormat = z.infer<typeof ZExportFormat>;

interface Format {
  ext: string;
  contentType: string;
  render(p: Prepared): string;
}

export const formats: Record<TExportFormat, Format> = {
  json: { ext: "json", contentType: "application/json; charset=utf-8", render: toJson },
  csv: { ext: "csv", contentType: "text/csv; charset=utf-8", render: toCsv },
  edl: { ext: "edl", contentType: "text/plain; charset=utf-8", render: toEdl },
  fcpxml: { ext: "fcpxml", contentType: "application/xml; charset=utf-8", render: toFcpxml },
  otio: { ext: "otio", contentType: "application/json; charset=utf-8", render: toOtio },
  chapters: { ext: "txt", contentType: "text/plain; charset=utf-8", render: toChapters },
};

export function renderExport(format: TExportFormat, video: ExportVideo, highlights: ExportHighlight[]) {
  const f = formats[format];
  return { body: f.render(prepare(video, highlights)), ext: f.ext, contentType: f.contentType };
}

export type { ExportHighlight, ExportVideo } from "./model";
