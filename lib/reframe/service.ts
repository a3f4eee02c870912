// Issue #29: a highlight's clip in other aspects. The 16:9 clip is the cut; 9:16, 1:1 and 4:5 are crops
// of it along the crop path, rendered on request (reframe-clip, the editors' lane) and kept per aspect
// until the clip or the crop changes. A crop edit re-renders the aspects that had been asked for.
import { db } from "@/lib/platform/db";
import { conflict, notFound } from "@/lib/platform/errors";
import type { AspectClip, Highlight } from "../generated/prisma/client";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { CROP_ASPECTS, type TCropAspect } from "./aspect";
import type { TCropEdit } from "./path";

export type TAspectState = "none" | "cutting" | "ready" | "failed";

type Row = Pick<Highlight, "clipKey" | "clipRevision" | "cropRevision">;

/** Whether a stored render is of the highlight's current clip and crop. */
export const aspectCurrent = (h: Row, a: Pick<AspectClip, "revision" | "cropRevision">) =>
  a.revision === h.clipRevision && a.cropRevision === h.cropRevision;

/** What a card and the downloads menu say of one aspect; a render of an older clip or crop is "none". */
export function aspectState(
  h: Row,
  a: AspectClip | undefined,
): { state: TAspectState; key: string | null; error: string | null } {
  if (!a || !aspectCurrent(h, a)) return { state: "none", key: null, error: null };
  if (a.status === "ready" && a.key) return { state: "ready", key: a.key, error: null };
  if (a.status === "failed") return { state: "failed", key: null, error: a.error };
  return { state: "cutting", key: null, error: null };
}

const cutFirst = () => conflict("This highlight's clip is not cut yet: ask for other aspects once it is");

/**
 * Queues the render of `aspects` for each highlight whose current one is missing (or failed: asked again).
 * Returns how many were queued. One transaction: each row says "cutting" only with its job on the way.
 */
export async function requestAspects(highlightIds: string[], aspect: TCropAspect): Promise<number> {
  const hs = await db().highlight.findMany({
    where: { id: { in: highlightIds }, video: { deletedAt: null } },
    include: { aspectClips: { where: { aspect } } },
  });
  const todo = hs.filter((h) => {
    if (!h.clipKey || h.clipRevision === null) return false;
    const s = aspectState(h, h.aspectClips[0]).state;
    return s === "none" || s === "failed";
  });
  if (todo.length === 0) return 0;
  await db().$transaction(async (tx) => {
    for (const h of todo) {
      const data = {
        status: "cutting" as const,
        revision: h.clipRevision!,
        cropRevision: h.cropRevision,
        error: null,
      };
      const failedBefore = h.aspectClips[0]?.status === "failed" && aspectCurrent(h, h.aspectClips[0]);
      await tx.aspectClip.upsert({
        where: { highlightId_aspect: { highlightId: h.id, aspect } },
        create: { highlightId: h.id, aspect, ...data },
        update: data,
      });
      await startJob(
        tx,
        "aspect asked for",
        "reframe-clip",
        { highlightId: h.id, aspect, revision: h.clipRevision!, cropRevision: h.cropRevision },
        failedBefore ? { nonce: String(Date.now()) } : {},
      );
    }
  });
  await dispatchSoon();
  return todo.length;
}

/** POST /api/highlights/:id/aspects: one highlight's clip in one aspect. */
export async function requestAspect(id: string, aspect: TCropAspect) {
  const h = await db().highlight.findFirst({ where: { id, video: { deletedAt: null } } });
  if (!h) throw notFound("Highlight");
  if (!h.clipKey || h.clipRevision === null) throw cutFirst();
  const queued = await requestAspects([id], aspect);
  return { highlightId: id, aspect, queued: queued > 0 };
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
  const asked = h.aspectClips
    .map((a) => a.aspect)
    .filter((a): a is TCropAspect => CROP_ASPECTS.includes(a as TCropAspect));
  for (const a of asked) await requestAspects([id], a);
  return { highlightId: id, cropRevision: h.cropRevision + 1, keys, locked: edit.locked };
}
