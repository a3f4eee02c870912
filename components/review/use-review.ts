"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SegmentParams } from "@/lib/highlights/segments";
import type { THighlightDto } from "@/lib/schemas/highlights";
import type { THighlightCreate, TReviewDto, TSegmentsApplied } from "@/lib/schemas/review";
import { apiFetch } from "../api";
import { highlightKeys } from "../highlights/keys";
import { parseThumbVtt, type ThumbCue } from "../player/vtt";
import { reviewKeys, reviewUrl } from "./keys";
import { mediaSettled } from "./playback-words";

// Until the proxy, shots or analysis arrive the page polls; after that it reloads only on demand
// (the heavy part, scores, does not change without a new analysis).
const POLL_MS = 4000;
const settled = (r: TReviewDto | undefined) =>
  Boolean(r && (r.video.status === "failed" || (r.scores && mediaSettled(r) && r.video.status === "ready")));

export function useReview(videoId: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: reviewKeys.detail(videoId),
    queryFn: async ({ signal }) => {
      const r = await apiFetch<TReviewDto>(reviewUrl(videoId), { signal });
      // One request fills the highlights list too, before the room (and its list hook) mounts, so the
      // list is not fetched a second time on load; the clips feature's hook then polls it on its own.
      qc.setQueryData(highlightKeys.list(videoId), r.highlights);
      return r;
    },
    refetchInterval: (query) => (settled(query.state.data) ? false : POLL_MS),
    // The player holds the media URL; a refetch on focus would only re-sign it.
    refetchOnWindowFocus: false,
  });
}

export function useThumbnails(url: string | null, videoId: string) {
  return useQuery({
    queryKey: reviewKeys.thumbs(videoId),
    enabled: Boolean(url),
    staleTime: 30 * 60_000,
    queryFn: async ({ signal }): Promise<ThumbCue[]> => {
      const res = await fetch(url!, { signal, credentials: "same-origin" });
      if (!res.ok) return [];
      return parseThumbVtt(await res.text());
    },
  });
}

export function useApplySegments(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (params: Record<string, SegmentParams>) =>
      apiFetch<TSegmentsApplied>(`/api/videos/${videoId}/segments`, { method: "POST", body: { params } }),
    onSuccess: (out, params) => {
      qc.setQueryData(highlightKeys.list(videoId), out.highlights);
      qc.setQueryData<TReviewDto>(reviewKeys.detail(videoId), (r) => (r ? { ...r, params } : r));
      void qc.invalidateQueries({ queryKey: highlightKeys.reel(videoId) });
    },
  });
}

export function useCreateHighlight(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: THighlightCreate) =>
      apiFetch<THighlightDto>(`/api/videos/${videoId}/review/highlights`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: highlightKeys.all }),
  });
}
