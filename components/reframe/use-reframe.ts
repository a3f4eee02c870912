"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TVariant } from "@/lib/reframe/variant";
import type { TCropKey } from "@/lib/reframe/path";
import type { THighlightsDto } from "@/lib/schemas/highlights";
import { apiFetch } from "../api";
import { highlightKeys } from "../highlights/keys";

interface CropSaved {
  highlightId: string;
  cropRevision: number;
  keys: TCropKey[];
  locked: boolean;
}

/**
 * The editor's crop keyframes and lock (PUT /api/highlights/:id/crop), against the revision the room
 * showed: a 409 says someone else changed it. The list takes the answer at once, then refetches (the
 * aspects asked for before are being re-rendered).
 */
export function useSaveCrop(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; keys: TCropKey[]; locked: boolean; cropRevision: number }) =>
      apiFetch<CropSaved>(`/api/highlights/${id}/crop`, { method: "PUT", body }),
    onSuccess: (s) => {
      qc.setQueryData<THighlightsDto>(highlightKeys.list(videoId), (d) =>
        d
          ? {
              ...d,
              highlights: d.highlights.map((h) =>
                h.id === s.highlightId
                  ? { ...h, crop: { ...h.crop, keys: s.keys, locked: s.locked, revision: s.cropRevision } }
                  : h,
              ),
            }
          : d,
      );
      void qc.invalidateQueries({ queryKey: highlightKeys.list(videoId) });
    },
    onError: () => void qc.invalidateQueries({ queryKey: highlightKeys.list(videoId) }),
  });
}

/**
 * One highlight's clip (POST /api/highlights/:id/aspects) or every clip of a label (POST
 * /api/videos/:id/aspects) in one variant: a cropped aspect and/or the brand.
 */
export function useRequestAspect(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: TVariant & { highlightId?: string; label?: string | null }) => {
      const body = { aspect: r.aspect, brand: r.branded };
      return r.highlightId
        ? apiFetch(`/api/highlights/${r.highlightId}/aspects`, { method: "POST", body })
        : apiFetch(`/api/videos/${videoId}/aspects`, {
            method: "POST",
            body: { ...body, ...(r.label ? { label: r.label } : {}) },
          });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: highlightKeys.list(videoId) }),
  });
}
