"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TBrandDto, TBrandPatch } from "@/lib/schemas/brand";
import { apiFetch, ApiError } from "../api";
import { brandKeys } from "./keys";

export function useBrand() {
  return useQuery({
    queryKey: brandKeys.all,
    queryFn: ({ signal }) => apiFetch<TBrandDto>("/api/admin/brand", { signal }),
  });
}

export function usePatchBrand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: TBrandPatch) =>
      apiFetch<TBrandDto>("/api/admin/brand", { method: "PATCH", body: patch }),
    onSuccess: (b) => qc.setQueryData(brandKeys.all, b),
  });
}

/** The file's bytes as application/octet-stream: the server tells the type from the bytes themselves. */
export function useUploadLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const res = await fetch("/api/admin/brand/logo", {
        method: "PUT",
        headers: { "Content-Type": "application/octet-stream" },
        body: file,
        credentials: "same-origin",
      });
      const data = (await res.json().catch(() => null)) as
        (TBrandDto & { error?: string; code?: string }) | null;
      if (!res.ok) throw new ApiError(res.status, data?.error ?? `Upload failed (${res.status})`, data?.code);
      return data as TBrandDto;
    },
    onSuccess: (b) => qc.setQueryData(brandKeys.all, b),
  });
}

export function useDeleteLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TBrandDto>("/api/admin/brand/logo", { method: "DELETE" }),
    onSuccess: (b) => qc.setQueryData(brandKeys.all, b),
  });
}
