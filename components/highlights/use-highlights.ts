"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { THighlightDto, THighlightPatch, THighlightsDto, TReelDto } from "@/lib/schemas/highlights";
import { apiFetch } from "../api";
import { highlightKeys } from "./keys";
import { downloadHref } from "./label-choice";

const FAST_MS = 2000;
// Presigned links last an hour (lib/clips/service.ts); refetching every 10 min keeps them fresh.
const SLOW_MS = 10 * 60_000;

// issue #29: a clip being cropped to another aspect polls fast too
const cutting = (h: THighlightDto) =>
  h.clipStatus === "cutting" || h.clipStale || Object.values(h.aspects).some((a) => a.state === "cutting");

export function useHighlights(videoId: string) {
  return useQuery({
    queryKey: highlightKeys.list(videoId),
    queryFn: ({ signal }) => apiFetch<THighlightsDto>(`/api/videos/${videoId}/highlights`, { signal }),
    // A list the review request has just filled is not fetched again when the room mounts.
    staleTime: FAST_MS,
    refetchInterval: (q) => (q.state.data?.highlights.some(cutting) ? FAST_MS : SLOW_MS),
  });
}

export function usePatchHighlight(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: THighlightPatch & { id: string }) =>
      apiFetch<THighlightDto>(`/api/highlights/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () =>
      qc
        .invalidateQueries({ queryKey: highlightKeys.all })
        .then(() => qc.refetchQueries({ queryKey: highlightKeys.list(videoId) })),
  });
}

/** The stored reel, with what a build of `label` (null: every label) would take. */
export function useReel(videoId: string, label: string | null) {
  return useQuery({
    queryKey: highlightKeys.reelFor(videoId, label),
    queryFn: ({ signal }) =>
      apiFetch<TReelDto>(downloadHref(`/api/videos/${videoId}/reel`, label), { signal }),
    refetchInterval: (q) => (q.state.data?.status === "cutting" ? FAST_MS : SLOW_MS),
  });
}

export function useBuildReel(videoId: string, label: string | null) {
  const qc = useQueryClient();
  return useMutation({
    // brand: the instance brand on it; shootout: the shoot-out's kicks in order (issue #29)
    mutationFn: (dress: { brand?: boolean; shootout?: boolean } = {}) =>
      apiFetch<TReelDto>(`/api/videos/${videoId}/reel`, {
        method: "POST",
        body: { ...(label === null ? {} : { label }), ...dress },
      }),
    onSuccess: (reel) => {
      qc.setQueryData(highlightKeys.reelFor(videoId, label), reel);
      // The other labels' entries hold the old reel's state: refetch them when next shown.
      void qc.invalidateQueries({ queryKey: highlightKeys.reel(videoId), refetchType: "none" });
    },
  });
}
