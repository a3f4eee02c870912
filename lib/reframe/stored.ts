// Issue #29: a highlight row's crop path, read from its JSON columns (defensively: a bad value is no path).
import { z } from "zod";
import { ZCropKey, type TAutoPath, type TCropKey } from "./path";

const ZAuto = z.object({
  startFrame: z.number().int(),
  x: z.array(z.number()),
  cuts: z.array(z.number().int()),
});

export interface TCropPath {
  auto: TAutoPath | null;
  keys: TCropKey[];
  locked: boolean;
}

export function cropOf(h: { cropAuto: unknown; cropKeys: unknown; cropLocked: boolean }): TCropPath {
  const auto = ZAuto.safeParse(h.cropAuto);
  const keys = z.array(ZCropKey).safeParse(h.cropKeys);
  return { auto: auto.success ? auto.data : null, keys: keys.success ? keys.data : [], locked: h.cropLocked };
}
