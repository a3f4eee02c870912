import type { TVideoDto } from "@/lib/schemas/videos";
import { formatEta, percent } from "../format";
import { progressTail, waitingText } from "../status/job-status";

type ChipVideo = Pick<TVideoDto, "status" | "stage" | "progress" | "etaSeconds" | "error"> &
  Partial<Pick<TVideoDto, "job">>;

export function statusText(v: ChipVideo): string {
  // Waiting for a worker says so, with its place in the queue (issues #24, #25), in either state.
  if (v.job?.state === "waiting" && (v.status === "queued" || v.status === "processing"))
    return waitingText(v.job);
  switch (v.status) {
    case "queued":
      return "queued";
    case "ready":
      return "ready";
    case "failed":
      // The reason, in plain words with what to do, is beside the chip (FailurePanel), not in it.
      return "failed";
    case "processing": {
      const stage = v.stage ? `${v.stage} ` : "";
      const tail =
        v.job?.state === "running"
          ? progressTail(v.job)
          : formatEta(v.etaSeconds)
            ? ` · ${formatEta(v.etaSeconds)} left`
            : "";
      return `processing ${stage}${percent(v.progress)} %${tail}`;
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
