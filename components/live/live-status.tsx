import type { TLiveSourceDto } from "@/lib/schemas/live";

// Reuses the library's chip colours: following ≈ processing, stalled ≈ queued, over ≈ ready.
const chipClass: Record<TLiveSourceDto["status"], string> = {
  starting: "chip--queued",
  following: "chip--processing",
  stalled: "chip--queued",
  ended: "chip--ready",
  stopped: "chip--ready",
  failed: "chip--failed",
};

export function liveStatusText(s: Pick<TLiveSourceDto, "status" | "error" | "stopRequested">): string {
  if (s.stopRequested && (s.status === "following" || s.status === "stalled")) return "stopping…";
  switch (s.status) {
    case "starting":
      return "connecting…";
    case "following":
      return "live";
    case "stalled":
      return "stalled (still polling)";
    case "ended":
      return "ended";
    case "stopped":
      return "stopped";
    case "failed":
      // the reason, in plain words, is on the page itself (live-detail.tsx)
      return "failed";
  }
}

export function LiveStatusChip({
  source,
}: {
  source: Pick<TLiveSourceDto, "status" | "error" | "stopRequested">;
}) {
  return (
    <span className={`chip ${chipClass[source.status]}`} data-testid="live-status">
      {liveStatusText(source)}
    </span>
  );
}
