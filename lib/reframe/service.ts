// Issue #29: a highlight's clip in other variants. The 16:9 clip is the cut; 9:16, 1:1 and 4:5 are crops
// of it along the crop path, and any aspect may carry the brand (logo, lower-third). Rendered on request
// (reframe-clip, the editors' lane) and kept per (aspect, branded) until the clip, the crop or the brand
// changes. A crop edit re-renders the cropped variants that had been asked for.
import { db } from "@/lib/platform/db";
import { badRequest, conflict, notFound } from "@/lib/platform/errors";
import { brandDrawsOnClips, brandForClips, brandRow } from "../brand/service";
import type { AspectClip, Highlight } from "../generated/prisma/client";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { isCropAspect, type TAspect } from "./aspect";
import { isPlainCut, type TVariant } from "./variant";
import type { TCropEdit } from "./path";

export type TAspectState = "none" | "cutting" | "ready" | "failed";

type Row = Pick<Highlight, "clipKey" | "clipRevision" | "cropRevision">;
type Stored = Pick<AspectClip, "aspect" | "branded" | "revision" | "cropRevision" | "brandRevision">;

/**
 * Whether a stored render is of the highlight's current clip, crop (a cropped aspect) and brand (a
 * branded one; `brandRevision` is the brand's now, null when there is none).
 */
export const aspectCurrent = (h: Row, a: Stored, brandRevision: number | null) =>
  a.revision === h.clipRevision &&
  (!isCropAspect(a.aspect as TAspect) || a.cropRevision === h.cropRevision) &&
  (!a.branded || a.brandRevision === brandRevision);

/** What a card and the downloads menu say of one variant; a render of an older clip, crop or brand is "none". */
export function aspectState(
  h: Row,
  a: AspectClip | undefined,
  brandRevision: number | null,
): { state: TAspectState; key: string | null; error: string | null } {
  if (!a || !aspectCurrent(h, a, brandRevision)) return { state: "none", key: null, error: null };
  if (a.status === "ready" && a.key) return { state: "ready", key: a.key, error: null };
  if (a.status === "failed") return { state: "failed", key: null, error: a.error };
  return { state: "cutting", key: null, error: null };
}

/** The brand's revision now (null: none set up), for aspectState. */
export const brandRevisionNow = async () => (await brandRow())?.revision ?? null;

const cutFirst = () => conflict("This highlight's clip is not cut yet: ask for other aspects once it is");

/**
 * Queues the render of variant `v` for each highlight whose current one is missing (or failed: asked
 * again). Returns how many were queued. One transaction: each row says "cutting" only with its job on
 * the way. A branded variant needs a brand that draws on clips (409 otherwise).
 */
export async function requestAspects(highlightIds: string[], v: TVariant): Promise<number> {
  if (isPlainCut(v)) throw badRequest("16:9 without the brand is the clip itself: download it as it is");
  const brand = v.branded ? await brandForClips() : null;
  const brandRevision = brand?.revision ?? null;
  const hs = await db().highlight.findMany({
    where: { id: { in: highlightIds }, video: { deletedAt: null } },
    include: { aspectClips: { where: { aspect: v.aspect, branded: v.branded } } },
  });
  const todo = hs.filter((h) => {
    if (!h.clipKey || h.clipRevision === null) return false;
    const s = aspectState(h, h.aspectClips[0], brandRevision).state;
    return s === "none" || s === "failed";
  });
  if (todo.length === 0) return 0;
  await db().$transaction(async (tx) => {
    for (const h of todo) {
      const data = {
        status: "cutting" as const,
        revision: h.clipRevision!,
        cropRevision: h.cropRevision,
        brandRevision: brandRevision ?? 0,
        error: null,
      };
      const before = h.aspectClips[0];
      const failedBefore = before?.status === "failed" && aspectCurrent(h, before, brandRevision);
      await tx.aspectClip.upsert({
        where: { highlightId_aspect_branded: { highlightId: h.id, aspect: v.aspect, branded: v.branded } },
        create: { highlightId: h.id, aspect: v.aspect, branded: v.branded, ...data },
        update: data,
      });
      await startJob(
        tx,
        "aspect asked for",
        "reframe-clip",
        {
          highlightId: h.id,
          aspect: v.aspect,
          revision: h.clipRevision!,
          cropRevision: h.cropRevision,
          ...(v.branded ? { branded: true, brandRevision: data.brandRevision } : {}),
        },
        failedBefore ? { nonce: String(Date.now()) } : {},
      );
    }
  });
  await dispatchSoon();
  return todo.length;
}

/** POST /api/highlights/:id/aspects: one highlight's clip in one variant. */
export async function requestAspect(id: string, v: TVariant) {
  const h = await db().highlight.findFirst({ where: { id, video: { deletedAt: null } } });
  if (!h) throw notFound("Highlight");
  if (!h.clipKey || h.clipRevision === null) throw cutFirst();
  const queued = await requestAspects([id], v);
  return { highlightId: id, aspect: v.aspect, brand: v.branded, queued: queued > 0 };
}

/**
 * The editor's keyframes and lock. Bumps cropRevision (compare-and-set against the revision the editor
 * saw, so two editors do not overwrite each other unknowingly) and re-renders the aspects asked for before.
 */
export async function patchCrop(id: string, edit: TCropEdit & { cropRevision?: number }) {
  const h = await db().highlight.findFirst({
    where: { id, video: { deletedAt: null } },
    include: { aspectClips: true },
  });
  if (!h) throw notFound("Highlight");
  if (edit.cropRevision !== undefined && edit.cropRevision !== h.cropRevision)
    throw conflict("Someone else changed this crop at the same time; reload and try again");
  const keys = [...edit.keys].sort((a, b) => a.t - b.t);
  const { count } = await db().highlight.updateMany({
    where: { id, cropRevision: h.cropRevision },
    data: { cropKeys: keys, cropLocked: edit.locked, cropRevision: { increment: 1 } },
  });
  if (count === 0) throw conflict("Someone else changed this crop at the same time; reload and try again");
  // A branded one is re-rendered only while the brand still draws on clips (else it stays stale).
  const branding = brandDrawsOnClips(await brandRow());
  const asked = h.aspectClips.filter((a) => isCropAspect(a.aspect as TAspect) && (!a.branded || branding));
  for (const a of asked) await requestAspects([id], { aspect: a.aspect as TAspect, branded: a.branded });
  return { highlightId: id, cropRevision: h.cropRevision + 1, keys, locked: edit.locked };
}
