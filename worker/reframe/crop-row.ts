import { db } from "@/lib/platform/db";
import type { TVariant } from "@/lib/reframe/variant";

/**
 * Points the variant's row at a fresh render, but only if it still asks for this clip, crop and brand
 * revision (an edit since queued a newer render). Returns the old key to delete, or false when stale.
 */
export async function swapAspect(
  highlightId: string,
  v: TVariant,
  want: { revision: number; cropRevision: number; brandRevision: number },
  key: string,
): Promise<string | null | false> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { key: string | null; revision: number; cropRevision: number; brandRevision: number }[]
    >`
      SELECT key, revision, "cropRevision", "brandRevision" FROM "AspectClip"
      WHERE "highlightId" = ${highlightId}::uuid AND aspect = ${v.aspect} AND branded = ${v.branded}
      FOR UPDATE`;
    const row = rows[0];
    if (
      !row ||
      row.revision !== want.revision ||
      row.cropRevision !== want.cropRevision ||
      row.brandRevision !== want.brandRevision
    )
      return false;
    await tx.aspectClip.update({
      where: { highlightId_aspect_branded: { highlightId, aspect: v.aspect, branded: v.branded } },
      data: { key, status: "ready", error: null },
    });
    return row.key;
  });
}
