"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TQueueJobAction, TQueuesDto } from "@/lib/schemas/queues";
import { apiFetch } from "../api";
import { queueKeys } from "./keys";

// Polled: the page is a live view of what the workers are doing.
const POLL_MS = 3000;

export function useQueues() {
  return useQuery({
    queryKey: queueKeys.overview(),
    queryFn: ({ signal }) => apiFetch<TQueuesDto>("/api/admin/queues", { signal }),
    refetchInterval: POLL_MS,
  });
}

export function useJobAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { queue: string; jobId: string; action: TQueueJobAction["action"] }) =>
      apiFetch(`/api/admin/queues/${encodeURIComponent(v.queue)}/jobs/${encodeURIComponent(v.jobId)}`, {
        body: { action: v.action },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: queueKeys.all }),
  });
}
