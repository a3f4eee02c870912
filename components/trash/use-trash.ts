"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TTrashedVideoDto } from "@/lib/trash/types";
import { apiFetch } from "../api";
import { videoKeys } from "../videos/keys";

export const trashKeys = {
  all: ["trash"] as const,
  list: () => [...trashKeys.all, "list"] as const,
};

export function useTrash() {
  return useQuery({
    queryKey: trashKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ videos: TTrashedVideoDto[] }>("/api/trash", { signal }),
    select: (d) => d.videos,
  });
}

export function useRestore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/trash/${id}/restore`, { method: "POST" }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trashKeys.all });
      await qc.invalidateQueries({ queryKey: videoKeys.all });
    },
  });
}
