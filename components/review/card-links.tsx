"use client";

import { isPlainCut, variantOf, variantText, type TVariant } from "@/lib/reframe/variant";
import type { THighlightDto } from "@/lib/schemas/highlights";
import { ShareButton } from "../shares/share-button";
import { CopyLink } from "./copy-link";
import { roomLinkHref } from "./deep-link";

/**
 * A highlight card's links: to this highlight in the room (signed in), and a share link to its clip in
 * the room's aspect and brand (issue #29), once that variant is made.
 */
export function CardLinks(p: {
  h: Pick<THighlightDto, "id" | "clipUrl" | "aspects" | "brandedAspects">;
  videoId: string;
  canEdit: boolean;
  /** the clip is cut for the current edges */
  ready: boolean;
  variant: TVariant;
}) {
  const v = p.variant;
  const made = isPlainCut(v) || variantOf(p.h, v)?.state === "ready";
  return (
    <>
      <CopyLink
        label="Copy link"
        href={() => roomLinkHref(window.location.origin, p.videoId, { highlightId: p.h.id })}
      />
      {p.canEdit && p.h.clipUrl && p.ready && made ? (
        <ShareButton
          target={{ kind: "clip", highlightId: p.h.id, aspect: v.aspect, brand: v.branded }}
          name={isPlainCut(v) ? "clip" : `clip (${variantText(v)})`}
        />
      ) : null}
    </>
  );
}
