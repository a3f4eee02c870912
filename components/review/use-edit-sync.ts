"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { THighlightDto } from "@/lib/schemas/highlights";
import { usePatchHighlight } from "../highlights/use-highlights";
import { initialEdit, patchOf, sync, type Change, type EditState, type Item } from "./editing";

export const toItems = (hs: THighlightDto[]): Item[] =>
  hs.map((h) => ({ id: h.id, label: h.label, startS: h.startS, endS: h.endS, status: h.status }));

/**
 * The local editing state (selection, undo/redo) kept in step with the server's highlight list: each
 * committed change is sent as a PATCH, and a poll does not move an edge whose PATCH is still in flight.
 */
export function useEditSync(videoId: string, highlights: THighlightDto[]) {
  const patch = usePatchHighlight(videoId);
  const [editState, setEdit] = useState<EditState>(() => initialEdit(toItems(highlights)));
  const pending = useRef(new Set<string>());
  useEffect(() => setEdit((s) => sync(s, toItems(highlights), pending.current)), [highlights]);

  const send = useCallback(
    (c: Change) => {
      pending.current.add(c.id);
      patch.mutate(
        { id: c.id, ...patchOf(c) },
        {
          onSettled: () => pending.current.delete(c.id),
          onError: () => setEdit((s) => sync(s, toItems(highlights))),
        },
      );
    },
    [patch, highlights],
  );
  const commit = useCallback(
    (r: { state: EditState; change: Change } | null) => {
      if (!r) return;
      setEdit(r.state);
      send(r.change);
    },
    [send],
  );
  return { editState, setEdit, commit, patch };
}
