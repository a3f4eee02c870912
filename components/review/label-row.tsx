"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TKnownLabelDto, TKnownLabelsDto, TLabelRemovedDto } from "@/lib/schemas/labels";
import { apiFetch } from "../api";
import { reviewKeys } from "./keys";

type Mode = "show" | "rename" | "remove";

/**
 * One label of the Teach panel's list. A taught one can be renamed (a typo) or removed with its examples
 * (added by mistake; the confirmation says how many go); the model's own labels cannot (issue #14).
 * Either changes highlights and timeline tracks, so the whole review is fetched again.
 */
export function LabelRow({
  label: l,
  onChanged,
}: {
  label: TKnownLabelDto;
  onChanged: (labels: TKnownLabelDto[], from: string, to: string | null) => void;
}) {
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>("show");
  const [name, setName] = useState(l.name);
  const url = `/api/labels/${encodeURIComponent(l.name)}`;
  const done = (labels: TKnownLabelDto[], to: string | null) => {
    setMode("show");
    onChanged(labels, l.name, to);
    void qc.invalidateQueries({ queryKey: reviewKeys.all });
  };
  const rename = useMutation({
    mutationFn: (to: string) => apiFetch<TKnownLabelsDto>(url, { method: "PATCH", body: { name: to } }),
    onSuccess: (d, to) => done(d.labels, to),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch<TLabelRemovedDto>(url, { method: "DELETE", body: { confirm: true } }),
    onSuccess: (d) => done(d.labels, null),
  });
  const error = rename.error ?? remove.error;
  return (
    <li data-testid="known-label" className="stack">
      <span data-testid="label-summary">
        <strong>{l.name}</strong> {l.builtIn ? "(built in)" : l.learnt ? "(learnt)" : "(not learnt yet)"}
        {" · "}
        {l.ready ? `${l.examples} examples on ${l.videos} videos` : l.message}
      </span>
      {!l.builtIn && mode === "show" && (
        <span className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setName(l.name);
              rename.reset();
              setMode("rename");
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              remove.reset();
              setMode("remove");
            }}
          >
            Remove
          </button>
        </span>
      )}
      {mode === "rename" && (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate(name.trim());
          }}
        >
          <label className="field">
            New name for {l.name}{" "}
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </label>
          <button type="submit" className="button" disabled={rename.isPending || name.trim() === ""}>
            Save name
          </button>
          <button type="button" className="button" onClick={() => setMode("show")}>
            Cancel
          </button>
        </form>
      )}
      {mode === "remove" && (
        <div className="actions" role="group" aria-label={`Remove ${l.name}`}>
          <span>
            Remove &quot;{l.name}&quot; and its {l.examples} {l.examples === 1 ? "example" : "examples"}
            {l.videos > 0 ? ` on ${l.videos} ${l.videos === 1 ? "video" : "videos"}` : ""}? This cannot be
            undone.
          </span>
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            Remove label and examples
          </button>
          <button type="button" className="button" onClick={() => setMode("show")}>
            Keep it
          </button>
        </div>
      )}
      {error && mode !== "show" && (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      )}
    </li>
  );
}
