import { db } from "@/lib/platform/db";

/** The retrained version serving `modelId` now; null: its installed files under models/ serve. */
export function activeVersion(modelId: string) {
  return db().modelVersion.findFirst({ where: { modelId, active: true } });
}
