"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { liveIsActive, type TLiveCreate, type TLiveDetailDto, type TLiveSourceDto } from "@/lib/schemas/live";
import { apiFetch } from "../api";
import { liveKeys } from "./keys";

// The page of a running stream polls fast so a detection shows within a couple of seconds of being stored.
const LIVE_MS = 2000;
const SLOW_MS = 15_000;

export function useLiveSources() {
  return useQuery({
    queryKey: liveKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ sources: TLiveSourceDto[] }>("/api/live", { signal }),
    select: (data) => data.sources,
    refetchInterval: (q) =>
      q.state.data?.sources.some((s) => liveIsActive(s.status)) ? LIVE_MS * 2 : SLOW_MS,
  });
}

// After the stream is over, keep polling until the recording and the last clips are done.
const settling = (d: TLiveDetailDto) =>
  liveIsActive(d.status) ||
  (d.videoId === null && d.recordingError === null) ||
  d.detections.some((h) => h.clipStatus === "pending");

export function useLiveSource(id: string) {
  return useQuery({
    queryKey: liveKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TLiveDetailDto>(`/api/live/${id}`, { signal }),
    refetchInterval: (q) => (q.state.data && !settling(q.state.data) ? false : LIVE_MS),
  });
}

export function useAddLiveSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TLiveCreate) => apiFetch<TLiveSourceDto>("/api/live", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: liveKeys.list() }),
  });
}

export function useStopLiveSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TLiveSourceDto>(`/api/live/${id}/stop`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: liveKeys.all }),
  });
}
