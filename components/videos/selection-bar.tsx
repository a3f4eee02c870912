"use client";

import { useState } from "react";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useBulk } from "./use-videos";

interface Props {
  selected: { id: string; title: string }[];
  allOnPage: boolean;
  onSelectPage: (on: boolean) => void;
  onDone: () => void;
}

/** Select a page of videos, then delete or re-analyse them together. */
export function SelectionBar({ selected, allOnPage, onSelectPage, onDone }: Props) {
  const del = useBulk("delete");
  const again = useBulk("reanalyze");
  const [confirming, setConfirming] = useState(false);
  const n = selected.length;
  const error = again.error;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected videos">
      <label className="selection-bar__all">
        <input type="checkbox" checked={allOnPage} onChange={(e) => onSelectPage(e.currentTarget.checked)} />
        Select page
      </label>
      <span className="muted" data-testid="selected-count">
        {n} selected
      </span>
      <button
        type="button"
        className="button"
        disabled={n === 0 || again.isPending}
        onClick={() => again.mutate(selected, { onSuccess: onDone })}
      >
        {again.isPending ? "Queuing…" : "Re-analyse"}
      </button>
      <button
        type="button"
        className="button button--danger"
        disabled={n === 0}
        onClick={() => {
          del.reset();
          setConfirming(true);
        }}
      >
        Delete
      </button>
      {error ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${n} video${n === 1 ? "" : "s"}?`}
        confirmLabel="Delete"
        busy={del.isPending}
        error={del.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          del.mutate(selected, {
            onSuccess: () => {
              setConfirming(false);
              onDone();
            },
          })
        }
      >
        <p>
          {selected
            .slice(0, 5)
            .map((v) => `“${v.title}”`)
            .join(", ")}
          {n > 5 ? ` and ${n - 5} more` : ""} move to the Trash with their analyses and clips; you or an admin
          can restore them for 30 days.
        </p>
      </ConfirmDialog>
    </div>
  );
}
