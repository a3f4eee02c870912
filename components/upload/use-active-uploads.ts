"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TActiveUpload } from "@/lib/schemas/uploads";
import { apiFetch } from "../api";
import { uploadKeys } from "./keys";
import { abortUploadRequest } from "./upload-api";

/** Unfinished uploads the server holds for this user (left behind by a reload, a crash, another tab). */
export function useActiveUploads() {
  return useQuery({
    queryKey: uploadKeys.active(),
    queryFn: ({ signal }) => apiFetch<{ uploads: TActiveUpload[] }>("/api/uploads", { signal }),
    select: (d) => d.uploads,
  });
}

export function useDiscardUpload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => abortUploadRequest(id),
    onSettled: () => qc.invalidateQueries({ queryKey: uploadKeys.all }),
  });
}
