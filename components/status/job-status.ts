import type { TJobStatus } from "@/lib/schemas/job-status";
import { formatEta, percent } from "../format";

type Waiting = Extract<TJobStatus, { state: "waiting" }>;

/** "waiting for a worker — 3 ahead": why nothing moves yet, and how many go first. */
export function waitingText(s: Waiting): string {
  const place = s.ahead === null ? "" : s.ahead === 0 ? " — next in line" : ` — ${s.ahead} ahead`;
  return `waiting for a worker${place}${s.paused ? " (an operator paused the queue)" : ""}`;
}

/** " · 2 min left", " · stalled: no progress for 3 min", or "" (no rate measured yet). */
export function progressTail(s: { etaSeconds: number | null; stalledForS: number | null }): string {
  if (s.stalledForS !== null) return ` · stalled: no progress for ${formatEta(s.stalledForS)}`;
  const eta = formatEta(s.etaSeconds);
  return eta ? ` · ${eta} left` : "";
}

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * One line for work on its way, `doing` naming it ("cutting", "building"): its place in the queue, or
 * its progress with time left (or that it stalled), or when a failed try runs again.
 */
export function jobStatusText(s: TJobStatus, doing: string): string {
  switch (s.state) {
    case "waiting":
      return waitingText(s);
    case "retrying":
      return `${doing} failed; trying again at ${clock(s.at)}`;
    case "running":
      return `${doing} ${percent(s.fraction)} %${progressTail(s)}`;
  }
}
