import type { TVideoDto } from "@/lib/schemas/videos";
import { formatEta, percent } from "../format";

type ChipVideo = Pick<TVideoDto, "status" | "stage" | "progress" | "etaSeconds" | "error">;

export function statusText(v: ChipVideo): string {
  switch (v.status) {
    case "queued":
      return "queued";
    case "ready":
      return "ready";
    case "failed":
      // The reason, in plain words with what to do, is beside the chip (FailurePanel), not in it.
      return "failed";
    case "processing": {
      const eta = formatEta(v.etaSeconds);
      const stage = v.stage ? `${v.stage} ` : "";
      return `processing ${stage}${percent(v.progress)} %${eta ? ` · ${eta} left` : ""}`;
    }
  }
}

export function StatusChip({ video }: { video: ChipVideo }) {
  return (
    <span className={`chip chip--${video.status}`} data-testid="status-chip">
      {statusText(video)}
    </span>
  );
}
