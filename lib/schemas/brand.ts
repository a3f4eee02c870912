import { z } from "zod";

export const ZBrandCorner = z.enum(["top_left", "top_right", "bottom_left", "bottom_right"]);
export type TBrandCorner = z.infer<typeof ZBrandCorner>;

/** PATCH /api/admin/brand: the brand's words and switches (the logo has its own route, bytes only). */
export const ZBrandPatch = z
  .object({
    name: z.string().trim().max(60, "The brand name is at most 60 characters").nullish(),
    corner: ZBrandCorner.optional(),
    introCard: z.boolean().optional(),
    outroCard: z.boolean().optional(),
    lowerThird: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), "Nothing to change");
export type TBrandPatch = z.input<typeof ZBrandPatch>;

export interface TBrandDto {
  name: string | null;
  corner: TBrandCorner;
  introCard: boolean;
  outroCard: boolean;
  lowerThird: boolean;
  logo: { url: string; type: string; width: number; height: number; bytes: number } | null;
  updatedAt: string | null;
}

/** A shoot-out kick's outcome as the editor tagged it; null clears the tag. */
export const ZKickResult = z.enum(["scored", "missed"]);
export type TKickResult = z.infer<typeof ZKickResult>;
