import { db } from "@/lib/platform/db";
/**
 * Points the aspect row at a fresh render, but only if it still asks for this clip and crop revision
 * (an edit since queued a newer render). Returns the old key to delete, or false when stale.
 */
export async function swapAspect(
  highlightId: string,
  aspect: string,
  want: { revision: number; cropRevision: number },
  key: string,
): Promise<string | null | false> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ key: string | null; revision: number; cropRevision: number }[]>`
      SELECT key, revision, "cropRevision" FROM "AspectClip"
      WHERE "highlightId" = ${highlightId}::uuid AND aspect = ${aspect} FOR UPDATE`;
    const row = rows[0];
    if (!row || row.revision !== want.revision || row.cropRevision !== want.cropRevision) return false;
    await tx.aspectClip.update({
      where: { highlightId_aspect: { highlightId, aspect } },
      data: { key, status: "ready", error: null },
    });
    return row.key;
  });
}
