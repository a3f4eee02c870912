"use client";

import type { THighlightDto } from "@/lib/schemas/highlights";
import { ShareButton } from "../shares/share-button";
import { CopyLink } from "./copy-link";
import { roomLinkHref } from "./deep-link";

/** A highlight card's links: to this highlight in the room (signed in), and a share link to its clip. */
export function CardLinks(p: {
  h: Pick<THighlightDto, "id" | "clipUrl">;
  videoId: string;
  canEdit: boolean;
  /** the clip is cut for the current edges */
  ready: boolean;
}) {
  return (
    <>
      <CopyLink
        label="Copy link"
        href={() => roomLinkHref(window.location.origin, p.videoId, { highlightId: p.h.id })}
      />
      {p.canEdit && p.h.clipUrl && p.ready ? (
        <ShareButton target={{ kind: "clip", highlightId: p.h.id }} name="clip" />
      ) : null}
    </>
  );
}
