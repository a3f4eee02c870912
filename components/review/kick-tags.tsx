"use client";

import type { THighlightDto } from "@/lib/schemas/highlights";
import { usePatchHighlight } from "../highlights/use-highlights";

const RESULTS = ["scored", "missed"] as const;

/**
 * A shoot-out kick's number and the editor's tag (issue #29): who scored is never guessed, so the reel's
 * tally counts only these tags. Pressing the pressed tag again clears it.
 */
export function KickTags({
  h,
  videoId,
  canEdit,
}: {
  h: Pick<THighlightDto, "id" | "kick" | "kickNumber">;
  videoId: string;
  canEdit: boolean;
}) {
  const patch = usePatchHighlight(videoId);
  if (!h.kickNumber) return null;
  const kick = `Kick ${h.kickNumber.kick}`;
  return (
    <div className="kick-tags" role="group" aria-label={`Shoot-out ${kick.toLowerCase()}`}>
      <span data-testid="kick-number">
        Shoot-out · <strong>{kick}</strong>
      </span>
      {canEdit ? (
        RESULTS.map((r) => (
          <button
            key={r}
            type="button"
            className="button"
            aria-pressed={h.kick === r}
            disabled={patch.isPending}
            onClick={() => patch.mutate({ id: h.id, kick: h.kick === r ? null : r })}
          >
            {r === "scored" ? "Scored" : "Missed"}
          </button>
        ))
      ) : (
        <span className="muted">{h.kick ?? "not tagged"}</span>
      )}
      {patch.error ? (
        <p className="error-text" role="alert">
          {patch.error.message}
        </p>
      ) : null}
    </div>
  );
}
