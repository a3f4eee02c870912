// Issue #29: a highlight's clip variant is (aspect, branded). 16:9 unbranded is the cut itself; every
// other variant is made on request from it (a crop along the path, the brand's logo and lower-third, or
// both) and stored as an AspectClip row. Browser-safe.
import { ASPECTS, aspectSlug, isCropAspect, type TAspect, type TCropAspect } from "./aspect";

export interface TVariant {
  aspect: TAspect;
  branded: boolean;
}

/** Whether the variant is the cut itself (nothing to render). */
export const isPlainCut = (v: TVariant) => v.aspect === "16:9" && !v.branded;

/** "9x16", "9x16-brand", "16x9-brand": for keys and file names. */
export const variantSlug = (v: TVariant) => `${aspectSlug(v.aspect)}${v.branded ? "-brand" : ""}`;

/** What a button says of it: "9:16", "9:16 with brand". */
export const variantText = (v: TVariant) => `${v.aspect}${v.branded ? " with brand" : ""}`;

/** Every variant made on request: the cropped aspects plain, then every aspect branded. */
export const MADE_VARIANTS: TVariant[] = [
  ...ASPECTS.filter(isCropAspect).map((aspect) => ({ aspect, branded: false })),
  ...ASPECTS.map((aspect) => ({ aspect, branded: true })),
];

/** A card's variant in the list's answer; null for the cut itself (its clipUrl). */
export function variantOf<D>(
  h: { aspects: Record<TCropAspect, D>; brandedAspects: Record<TAspect, D> },
  v: TVariant,
): D | null {
  if (v.branded) return h.brandedAspects[v.aspect];
  return isCropAspect(v.aspect) ? h.aspects[v.aspect] : null;
}
