// Issue #29: request bodies of the reframe routes. Browser-safe.
import { z } from "zod";
import { ZAspect } from "./aspect";
import { ZCropEdit } from "./path";

const ZCropAspect = ZAspect.exclude(["16:9"], { error: "16:9 is the clip itself: ask for 9:16, 1:1 or 4:5" });

export const ZAspectRequest = z.object({ aspect: ZCropAspect }).strict();
export const ZVideoAspectRequest = z
  .object({ aspect: ZCropAspect, label: z.string().trim().min(1).max(64).nullish() })
  .strict();

export const ZCropPatch = z.intersection(
  ZCropEdit,
  z.object({ cropRevision: z.number().int().nonnegative().optional() }),
);
