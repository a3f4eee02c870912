"use client";

import { useState } from "react";
import { HIGHLIGHT_NAME_MAX, HIGHLIGHT_NOTE_MAX, type THighlightDto } from "@/lib/schemas/highlights";
import { usePatchHighlight } from "../highlights/use-highlights";

/**
 * A highlight's own name and note (issue #24): shown on its card, editable by editors, and carried into
 * every export (EDL comments, FCPXML/OTIO clip names, CSV, JSON, chapters). Blank = none.
 */
export function HighlightWords({
  h,
  videoId,
  canEdit,
}: {
  h: Pick<THighlightDto, "id" | "label" | "name" | "note">;
  videoId: string;
  canEdit: boolean;
}) {
  const patch = usePatchHighlight(videoId);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(h.name ?? "");
  const [note, setNote] = useState(h.note ?? "");
  const start = () => {
    setName(h.name ?? "");
    setNote(h.note ?? "");
    patch.reset();
    setEditing(true);
  };

  if (editing)
    return (
      <form
        className="highlight-words stack"
        aria-label="Name and note"
        onSubmit={(e) => {
          e.preventDefault();
          patch.mutate({ id: h.id, name, note }, { onSuccess: () => setEditing(false) });
        }}
      >
        <label className="field">
          Name
          <input
            className="input"
            value={name}
            maxLength={HIGHLIGHT_NAME_MAX}
            placeholder={`e.g. ${h.label}, top corner`}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label className="field">
          Note
          <textarea
            className="input"
            value={note}
            maxLength={HIGHLIGHT_NOTE_MAX}
            rows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={patch.isPending}>
            {patch.isPending ? "Saving…" : "Save"}
          </button>
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
        {patch.error ? (
          <p className="error-text" role="alert">
            {patch.error.message}
          </p>
        ) : null}
      </form>
    );

  return (
    <div className="highlight-words">
      {h.name ? (
        <p className="highlight-words__name" data-testid="highlight-name">
          {h.name}
        </p>
      ) : null}
      {h.note ? (
        <p className="muted highlight-words__note" data-testid="highlight-note">
          {h.note}
        </p>
      ) : null}
      {canEdit ? (
        <button type="button" className="button button--link" onClick={start}>
          {h.name || h.note ? "Edit name and note" : "Add name and note"}
        </button>
      ) : null}
    </div>
  );
}
