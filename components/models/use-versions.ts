"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TActivated, TModelVersionDto, TModelVersionsDto } from "@/lib/schemas/learn";
import { apiFetch } from "../api";
import { modelKeys } from "./keys";

const busy = (d: TModelVersionsDto | undefined) =>
  d?.versions.some((v) => v.status === "queued" || v.status === "training") ?? false;

/** Polled while a retrain runs (its progress bar), then left alone. */
export function useVersions() {
  return useQuery({
    queryKey: modelKeys.list(),
    queryFn: ({ signal }) => apiFetch<TModelVersionsDto>("/api/model-versions", { signal }),
    refetchInterval: (q) => (busy(q.state.data) ? 1000 : false),
  });
}

export function useStartRetrain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TModelVersionDto>("/api/model-versions", { method: "POST", body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useActivate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string | null) =>
      apiFetch<TActivated>("/api/model-versions/active", { method: "PUT", body: { versionId } }),
    onSettled: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
