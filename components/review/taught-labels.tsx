"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TKnownLabelsDto } from "@/lib/schemas/labels";
import { apiFetch } from "../api";
import { reviewKeys } from "./keys";
import { LabelRow } from "./label-row";
import type { Marking } from "./use-marking";

const URL = "/api/labels";

/**
 * Issue #14 item 4: the labels this instance knows (taught ones can be renamed or removed), a field to
 * add one, and which label I and O mark examples of. Each label says how many examples it has and what a retrain still needs.
 */
export function TaughtLabels({ marking, decisions }: { marking: Marking; decisions: string }) {
  const qc = useQueryClient();
  const key = [...reviewKeys.all, "known-labels", decisions];
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<TKnownLabelsDto>(URL, { signal }),
    placeholderData: (prev) => prev,
  });
  const [name, setName] = useState("");
  const add = useMutation({
    mutationFn: (n: string) => apiFetch<TKnownLabelsDto>(URL, { method: "POST", body: { name: n } }),
    onSuccess: (d, n) => {
      qc.setQueryData(key, d);
      setName("");
      marking.choose(n);
    },
  });
  const labels = q.data?.labels ?? [];
  return (
    <div className="stack">
      <ul className="muted" aria-label="Labels">
        {labels.map((l) => (
          <LabelRow
            key={l.name}
            label={l}
            onChanged={(next, from, to) => {
              qc.setQueryData(key, { labels: next });
              if (marking.label === from) marking.choose(to);
            }}
          />
        ))}
      </ul>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(name.trim());
        }}
      >
        <label className="field">
          New label{" "}
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. corner"
          />
        </label>
        <button type="submit" className="button" disabled={add.isPending || name.trim() === ""}>
          Add label
        </button>
      </form>
      {add.isError && (
        <p className="error-text" role="alert">
          {add.error.message}
        </p>
      )}
      <label className="field">
        Mark examples with I and O of{" "}
        <select
          className="input"
          value={marking.label ?? ""}
          onChange={(e) => marking.choose(e.target.value || null)}
        >
          <option value="">— none (I and O trim the selected highlight)</option>
          {labels.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
