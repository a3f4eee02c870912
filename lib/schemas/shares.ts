import { z } from "zod";
import { ZAspect } from "../reframe/aspect";

// Issue #24: share links for a reel or a clip. Browser-safe (zod + types only).

export const SHARE_MAX_DAYS = 30;
const days = z
  .number()
  .int("Give the lifetime in whole days")
  .min(1, "A share link lasts at least 1 day")
  .max(SHARE_MAX_DAYS, `A share link lasts at most ${SHARE_MAX_DAYS} days`)
  .default(7);

/** POST /api/share-links: the video's stored reel, or one highlight's clip. */
export const ZShareCreate = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("reel"), videoId: z.uuid("Not a video id"), days }).strict(),
    // issue #29: the clip in one aspect (16:9 when left out), with the brand or not (not when left out);
    // any variant but the cut itself must be rendered first
    z
      .object({
        kind: z.literal("clip"),
        highlightId: z.uuid("Not a highlight id"),
        days,
        aspect: ZAspect.default("16:9"),
        brand: z.boolean().default(false),
      })
      .strict(),
  ],
  { error: 'Say what to share: kind "reel" with a videoId, or kind "clip" with a highlightId' },
);
export type TShareCreate = z.input<typeof ZShareCreate>;

/** The token in /s/<token>: 32 random bytes, base64url. Anything else names nothing. */
export const ZShareToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export interface TShareLinkDto {
  id: string;
  kind: "reel" | "clip";
  videoId: string;
  videoTitle: string;
  /** "Highlight reel", or the clip's name ("Penalty 2" when the editor gave none) */
  what: string;
  createdBy: string | null;
  /** issue #29: the aspect a clip link serves, and whether with the brand */
  aspect: string;
  branded: boolean;
  createdAt: string;
  expiresAt: string;
}

/** The answer to a create: the only time the token is seen (the database keeps its hash). */
export interface TShareCreated extends TShareLinkDto {
  /** /s/<token>: the page; `url` is it under APP_URL */
  path: string;
  url: string;
}
