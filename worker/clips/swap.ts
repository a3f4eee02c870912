import { clipLifecycle } from "@/lib/clips/lifecycle";
import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";

interface OldKeys {
  clipKey: string | null;
  posterKey: string | null;
}

/**
 * Points the highlight at a freshly uploaded clip, but only if its boundaries are still the ones the
 * clip was cut for. Row-locked so two cuts finishing together cannot both think they replaced the
 * same old file. Returns the keys to delete, or null when the cut is stale (caller deletes the new files).
 */
export async function swapClip(
  highlightId: string,
  revision: number,
  next: { clipKey: string; posterKey: string },
  // issue #29: the crop path found on the new clip (undefined: keep the stored one)
  cropAuto?: Prisma.InputJsonValue,
): Promise<OldKeys | null> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<(OldKeys & { revision: number })[]>`
      SELECT "clipKey", "posterKey", revision FROM "Highlight" WHERE id = ${highlightId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.revision !== revision) return null;
    await clipLifecycle.ready(tx, highlightId, revision, { ...next, cropAuto });
    return { clipKey: row.clipKey, posterKey: row.posterKey };
  });
}
