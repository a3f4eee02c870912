"use client";

import { useCallback, useRef } from "react";
import type Player from "video.js/dist/types/player";
import type { ReviewRoomState } from "./use-review-room";
import { select } from "./editing";
import { linkTarget, type RoomLink } from "./deep-link";

/**
 * Opens the room where a link points (?t= / ?highlight=): the playhead, timeline and selection at once,
 * the player once it knows its media (a seek before that may be dropped). Once per page load; after
 * that the editor drives. Returns the room's onPlayer with this folded in.
 */
export function useDeepLink(r: ReviewRoomState, link: RoomLink) {
  const done = useRef(false);
  const { onPlayer, seek, setEdit, setNotice, highlights, fps, duration } = r;
  return useCallback(
    (p: Player | null) => {
      onPlayer(p);
      if (!p || done.current) return;
      done.current = true;
      const target = linkTarget(link, highlights, fps, duration);
      if (!target) return;
      seek(target.t);
      if (target.highlightId) {
        const id = target.highlightId;
        setEdit((s) => select(s, id));
        requestAnimationFrame(() =>
          document.querySelector(`[data-highlight-id="${id}"]`)?.scrollIntoView({ block: "nearest" }),
        );
      }
      if (target.problem) setNotice(target.problem);
      const place = () => p.currentTime(target.t);
      if ((p.readyState() ?? 0) >= 1) place();
      else p.one("loadedmetadata", place);
    },
    // The link is read once, with the highlights the room opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onPlayer],
  );
}
