"use client";

import type { TReviewDto } from "@/lib/schemas/review";
import type { useApplySegments } from "./use-review";
import type { SegmentParamsState } from "./use-segment-params";
import { SegmentSliders } from "./segment-sliders";

interface Props {
  data: TReviewDto;
  segments: SegmentParamsState;
  apply: ReturnType<typeof useApplySegments>;
  canEdit: boolean;
}

/** Threshold, length and roll sliders per class, with the live count of highlights they would give. */
export function ParamsPanel({ data, segments, apply, canEdit }: Props) {
  const { params, setParams, saved, dirty, preview } = segments;
  return (
    <aside className="review__params card" aria-label="Live parameters">
      <h2>Parameters</h2>
      {data.scores ? (
        <>
          {Object.entries(params).map(([label, v]) => (
            <SegmentSliders
              key={label}
              label={label}
              value={v}
              onChange={(next) => setParams((ps) => ({ ...ps, [label]: next }))}
            />
          ))}
          <p aria-live="polite" data-testid="preview-count">
            {preview.length} highlight{preview.length === 1 ? "" : "s"} with these settings
          </p>
          <div className="actions">
            {canEdit ? (
              <button
                type="button"
                className="button button--primary"
                disabled={!dirty || apply.isPending}
                onClick={() => apply.mutate(params)}
              >
                {apply.isPending ? "Applying…" : "Apply"}
              </button>
            ) : null}
            <button type="button" className="button" disabled={!dirty} onClick={() => setParams(saved)}>
              Revert
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setParams({ ...saved, ...data.defaults })}
              disabled={Object.keys(data.defaults).length === 0}
            >
              Model defaults
            </button>
          </div>
          {apply.data ? (
            <p className="muted" role="status">
              Applied: {apply.data.created} new, {apply.data.removed} removed, {apply.data.kept} kept.
            </p>
          ) : null}
        </>
      ) : data.video.status === "failed" ? (
        <p className="muted">No scores: the analysis did not finish (the reason is above).</p>
      ) : (
        <p className="muted">The analysis has not finished yet; its scores appear here when it does.</p>
      )}
    </aside>
  );
}
