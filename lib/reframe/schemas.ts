// Issue #29: request bodies of the reframe routes. Browser-safe.
import { z } from "zod";
import { ZAspect } from "./aspect";
import { ZCropEdit } from "./path";

const PLAIN_CUT = "16:9 without the brand is the clip itself: ask for 9:16, 1:1 or 4:5, or for the brand";

// brand: with the instance brand (logo, lower-third); any aspect, 16:9 included
const variant = { aspect: ZAspect, brand: z.boolean().default(false) };
const notTheCut = (v: { aspect: string; brand: boolean }) => v.aspect !== "16:9" || v.brand;

export const ZAspectRequest = z
  .object(variant)
  .strict()
  .refine(notTheCut, { message: PLAIN_CUT, path: ["aspect"] });
export const ZVideoAspectRequest = z
  .object({ ...variant, label: z.string().trim().min(1).max(64).nullish() })
  .strict()
  .refine(notTheCut, { message: PLAIN_CUT, path: ["aspect"] });

/** `?brand=1` (or true/0/false) on a download: with the instance brand or not. */
export const ZBrandParam = z
  .enum(["1", "0", "true", "false"], { error: "brand must be 1 or 0" })
  .transform((s) => s === "1" || s === "true");

export const ZCropPatch = z.intersection(
  ZCropEdit,
  z.object({ cropRevision: z.number().int().nonnegative().optional() }),
);
