"use client";

import { useEffect, useMemo, useState } from "react";
import { tracksOf } from "@/lib/analysis/scores";
import { deriveAllSegments } from "@/lib/highlights/segments";
import type { TReviewDto } from "@/lib/schemas/review";
import { savedParams } from "./segment-params";

/** The stored scores as tracks, the live slider parameters and the highlights they would give. */
export function useSegmentParams(data: TReviewDto) {
  const duration = data.video.durationS;
  const tracks = useMemo(() => (data.scores ? tracksOf(data.scores) : []), [data.scores]);
  const labels = useMemo(() => tracks.map((t) => t.label), [tracks]);
  const saved = useMemo(
    () => savedParams(data.defaults, data.params, labels),
    [data.defaults, data.params, labels],
  );
  // The review is polled until the proxy and analysis land; a poll must not undo slider moves, so
  // the sliders only reset when the saved parameters themselves change.
  const savedKey = JSON.stringify(saved);
  const [params, setParams] = useState(saved);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the value, not the object
  useEffect(() => setParams(saved), [savedKey]);
  const preview = useMemo(() => deriveAllSegments(tracks, params, duration), [tracks, params, duration]);
  const dirty = JSON.stringify(params) !== JSON.stringify(saved);
  const activeLabel = Object.keys(params)[0] ?? labels.find((l) => l !== "background") ?? "highlight";
  return { tracks, labels, saved, params, setParams, preview, dirty, activeLabel };
}

export type SegmentParamsState = ReturnType<typeof useSegmentParams>;
