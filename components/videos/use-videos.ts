"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TLibraryPage } from "@/lib/schemas/library";
import type { TVideoDetailDto, TVideoDto, TVideoPatch } from "@/lib/schemas/videos";
import { apiFetch } from "../api";
import { reviewKeys } from "../review/keys";
import { videoKeys } from "./keys";
import { libraryUrl, type LibraryFilters } from "./library-query";

const isWorking = (v: Pick<TVideoDto, "status">) => v.status === "queued" || v.status === "processing";

// Fast polling only while something is moving; otherwise a slow poll still picks up other users' uploads.
const FAST_MS = 1500;
const SLOW_MS = 15_000;

/** One page of the library; the previous page stays on screen while the next one loads. */
export function useLibrary(filters: LibraryFilters) {
  return useQuery({
    queryKey: videoKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<TLibraryPage>(libraryUrl(filters), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.videos.some(isWorking) ? FAST_MS : SLOW_MS),
  });
}

export function useVideo(id: string) {
  return useQuery({
    queryKey: videoKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TVideoDetailDto>(`/api/videos/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data && isWorking(query.state.data) ? FAST_MS : false),
    // The presigned source URL is in the payload: a refetch must not swap the <video> src mid-playback.
    structuralSharing: (prev, next) => {
      const p = prev as TVideoDetailDto | undefined;
      const n = next as TVideoDetailDto;
      return p && p.id === n.id ? { ...n, sourceUrl: p.sourceUrl } : n;
    },
  });
}

export function useRenameVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: TVideoPatch & { id: string }) =>
      apiFetch<TVideoDto>(`/api/videos/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: videoKeys.all }),
  });
}

export function useDeleteVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/videos/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: videoKeys.all }),
  });
}

export function useReanalyzeVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TVideoDto>(`/api/videos/${id}/reanalyze`, { method: "POST" }),
    onSettled: (_out, _err, id) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: videoKeys.all }),
        // the review room stopped polling when the video failed: it polls again once this lands
        qc.invalidateQueries({ queryKey: reviewKeys.detail(id) }),
      ]),
  });
}

/**
 * Several videos at once, one request each (the single-video routes keep their checks). Every one is
 * tried; the answer lists the titles that failed with their reasons.
 */
export function useBulk(action: "delete" | "reanalyze") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (videos: { id: string; title: string }[]) => {
      const out = await Promise.allSettled(
        videos.map((v) =>
          action === "delete"
            ? apiFetch(`/api/videos/${v.id}`, { method: "DELETE" })
            : apiFetch(`/api/videos/${v.id}/reanalyze`, { method: "POST" }),
        ),
      );
      const failed = out.flatMap((r, i) =>
        r.status === "rejected" ? [`${videos[i]!.title}: ${(r.reason as Error).message}`] : [],
      );
      if (failed.length) throw new Error(failed.join("; "));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: videoKeys.all }),
  });
}
