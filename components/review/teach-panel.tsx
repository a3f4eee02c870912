"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TLabelsDto } from "@/lib/schemas/labels";
import { apiFetch } from "../api";
import { reviewKeys } from "./keys";
import { TaughtLabels } from "./taught-labels";
import type { Marking } from "./use-marking";

const url = (videoId: string) => `/api/videos/${videoId}/review-complete`;

/**
 * Issue #14: what this video teaches the model. Decisions are labels already; "review complete" makes
 * everything outside the accepted highlights background. `decisions` changes with every accept/reject,
 * so the count follows without a poll.
 */
export function TeachPanel({
  videoId,
  decisions,
  marking,
}: {
  videoId: string;
  decisions: string;
  marking: Marking;
}) {
  const qc = useQueryClient();
  const key = [...reviewKeys.all, "labels", videoId];
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<TLabelsDto>(url(videoId), { signal }),
  });
  // a decision changed the labels: read them again (one stable key, so the flag below cannot be
  // answered by a request made for an older key)
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: [...reviewKeys.all, "labels", videoId] });
  }, [qc, videoId, decisions]);
  const mark = useMutation({
    mutationFn: (complete: boolean) =>
      apiFetch<TLabelsDto>(url(videoId), { method: "PUT", body: { complete } }),
    // a read already on its way may predate the change: drop it, the answer below is newer
    onMutate: () => qc.cancelQueries({ queryKey: key }),
    onSuccess: (d) => qc.setQueryData(key, d),
  });
  const d = q.data;
  const pos = d?.labels.filter((l) => l.kind === "positive").length ?? 0;
  const neg = d?.labels.filter((l) => l.kind === "negative").length ?? 0;
  return (
    <section className="card stack" aria-label="Teach the model">
      <h2>Teach the model</h2>
      <p className="muted" data-testid="label-count">
        {pos} highlight{pos === 1 ? "" : "s"} and {neg} rejection{neg === 1 ? "" : "s"} labelled on this video
      </p>
      <label>
        <input
          type="checkbox"
          checked={d?.reviewComplete ?? false}
          disabled={!d || mark.isPending}
          onChange={(e) => mark.mutate(e.target.checked)}
        />{" "}
        Review complete (everything outside the accepted highlights is background)
      </label>
      {mark.isError && (
        <p className="error-text" role="alert">
          {mark.error.message}
        </p>
      )}
      <TaughtLabels marking={marking} decisions={decisions} />
      <p>
        <Link href="/admin/models">Model versions and retraining</Link>
      </p>
    </section>
  );
}
