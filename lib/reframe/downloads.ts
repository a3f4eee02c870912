// Issue #29: a clip's variants as the list and the ZIP see them: each (aspect, branded) with its state
// and a download link, and the ZIP's files in one variant.
import { db } from "@/lib/platform/db";
import { conflict } from "@/lib/platform/errors";
import type { AspectClip } from "../generated/prisma/client";
import type { TAspectDto } from "../schemas/highlights";
import { presignGet } from "@/lib/platform/storage";
import { aspectFileName } from "../clips/names";
import { ASPECTS, CROP_ASPECTS, type TAspect, type TCropAspect } from "./aspect";
import { aspectState } from "./service";
import { isPlainCut, variantText, type TVariant } from "./variant";

type Clip = {
  id: string;
  clipKey: string | null;
  clipRevision: number | null;
  cropRevision: number;
};

/** One highlight's made variants (`rows`: its AspectClip rows), named after its download name. */
export async function variantDtos(
  h: Clip,
  rows: AspectClip[],
  downloadName: string,
  o: { brandRevision: number | null; ttlS: number },
): Promise<{ aspects: Record<TCropAspect, TAspectDto>; brandedAspects: Record<TAspect, TAspectDto> }> {
  const one = async (aspect: TAspect, branded: boolean): Promise<[TAspect, TAspectDto]> => {
    const row = rows.find((r) => r.aspect === aspect && r.branded === branded);
    const s = aspectState(h, row, o.brandRevision);
    const name = aspectFileName(downloadName, aspect, branded);
    const url = s.key ? await presignGet(s.key, { expiresIn: o.ttlS, downloadName: name }) : null;
    return [aspect, { state: s.state, url, error: s.error, downloadName: name }];
  };
  const [aspects, branded] = await Promise.all([
    Promise.all(CROP_ASPECTS.map((a) => one(a, false))),
    Promise.all(ASPECTS.map((a) => one(a, true))),
  ]);
  return {
    aspects: Object.fromEntries(aspects) as Record<TCropAspect, TAspectDto>,
    brandedAspects: Object.fromEntries(branded) as Record<TAspect, TAspectDto>,
  };
}

/**
 * The ZIP's files in one variant. Every clip must be rendered for the current clip, crop and brand: a
 * ZIP with some clips missing would look complete, so it is refused, saying how many are left.
 */
export async function variantEntries<H extends Clip>(
  cut: H[],
  v: TVariant,
  name: (h: H) => string,
  brandRevision: number | null,
): Promise<{ name: string; key: string }[]> {
  if (isPlainCut(v)) return cut.map((h) => ({ name: name(h), key: h.clipKey! }));
  const rows = await db().aspectClip.findMany({
    where: { highlightId: { in: cut.map((h) => h.id) }, aspect: v.aspect, branded: v.branded },
  });
  const states = cut.map((h) => ({
    h,
    s: aspectState(
      h,
      rows.find((r) => r.highlightId === h.id),
      brandRevision,
    ),
  }));
  const missing = states.filter((x) => x.s.state !== "ready").length;
  if (missing > 0)
    throw conflict(
      `${missing} of ${cut.length} clips are not made in ${variantText(v)} yet: ask for them (POST /api/videos/<id>/aspects) and download again once they are ready`,
    );
  return states.map(({ h, s }) => ({ name: name(h), key: s.key! }));
}
