"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TVideoDetailDto, TVideoDto, TVideoPatch } from "../../lib/schemas/videos";
import { apiFetch } from "../api";
import { videoKeys } from "./keys";

const isWorking = (v: Pick<TVideoDto, "status">) => v.status === "queued" || v.status === "processing";

// Fast polling only while something is moving; otherwise a slow poll still picks up other users' uploads.
const FAST_MS = 1500;
const SLOW_MS = 15_000;

export function useVideos() {
  return useQuery({
    queryKey: videoKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ videos: TVideoDto[] }>("/api/videos", { signal }),
    select: (data) => data.videos,
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
