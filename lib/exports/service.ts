// A video's current highlights as a download in one of the NLE/list formats of ./index.ts.
import { attachment, labelledHighlights } from "../clips/current";
import { videoOr404 } from "../videos/find";
import { exportFileName } from "../clips/names";
import { AppError } from "@/lib/platform/errors";
import { renderExport, type TExportFormat } from "./index";

/** `label` narrows the export to one label's highlights (numbered as in the full export: "Goal 2"). */
export async function exportHighlights(
  videoId: string,
  format: TExportFormat,
  label: string | null = null,
): Promise<Response> {
  const v = await videoOr404(videoId);
  if (!v.fps || !v.durationS) throw new AppError(409, "The video has not been probed yet", "conflict");
  const { highlights } = await labelledHighlights(videoId, label);
  const out = renderExport(
    format,
    {
      id: v.id,
      title: v.title,
      originalName: v.originalName,
      fps: v.fps,
      durationS: v.durationS,
      width: v.width ?? 0,
      height: v.height ?? 0,
      hasAudio: v.hasAudio ?? false,
    },
    highlights,
  );
  return new Response(out.body, {
    headers: {
      "Content-Type": out.contentType,
      "Content-Disposition": attachment(exportFileName(v.title, out.ext, label)),
      "Cache-Control": "no-store",
    },
  });
}
