"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TShareCreate, TShareCreated, TShareLinkDto } from "@/lib/schemas/shares";
import { apiFetch } from "../api";
import { shareKeys } from "./keys";

export function useCreateShare() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TShareCreate) => apiFetch<TShareCreated>("/api/share-links", { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: shareKeys.all }),
  });
}

/** Admins: every link that still opens something. */
export function useLiveShares() {
  return useQuery({
    queryKey: shareKeys.live(),
    queryFn: ({ signal }) => apiFetch<{ links: TShareLinkDto[] }>("/api/share-links", { signal }),
    select: (d) => d.links,
  });
}

export function useRevokeShare() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/share-links/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: shareKeys.all }),
  });
}
