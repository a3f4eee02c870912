"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { THighlightDto, THighlightPatch, THighlightsDto, TReelDto } from "@/lib/schemas/highlights";
import { apiFetch } from "../api";
import { highlightKeys } from "./keys";

const FAST_MS = 2000;
// Presigned links last an hour (lib/clips/service.ts); refetching every 10 min keeps them fresh.
const SLOW_MS = 10 * 60_000;

const cutting = (h: THighlightDto) => h.clipStatus === "cutting" || h.clipStale;

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

export function useReel(videoId: string) {
  return useQuery({
    queryKey: highlightKeys.reel(videoId),
    queryFn: ({ signal }) => apiFetch<TReelDto>(`/api/videos/${videoId}/reel`, { signal }),
    refetchInterval: (q) => (q.state.data?.status === "cutting" ? FAST_MS : SLOW_MS),
  });
}

export function useBuildReel(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TReelDto>(`/api/videos/${videoId}/reel`, { method: "POST", body: {} }),
    onSuccess: (reel) => qc.setQueryData(highlightKeys.reel(videoId), reel),
  });
}
