import { z } from "zod";

// Issue #14: labels as JSON in the SoccerNet Labels-v2.json shape. Browser-safe (zod + types only).
// SoccerNet annotates points ("position": ms as a string, "gameTime": "<half> - mm:ss"); we add "end"
// (ms) because an editor's decision is an interval. A rejected highlight is exported as label
// "background" over its interval, so a file round-trips without a field SoccerNet does not know.

const ms = z.union([
  z.number().finite().min(0),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "position and end are milliseconds (a number or a string of digits)")
    .transform(Number),
]);

export const ZLabelsV2Annotation = z.object({
  gameTime: z.string().max(32).optional(),
  label: z.string().trim().min(1).max(64),
  position: ms,
  end: ms.optional(),
  team: z.string().max(32).optional(),
  visibility: z.string().max(32).optional(),
});

export const ZLabelsV2 = z.object({
  UrlLocal: z.string().max(1000).optional(),
  annotations: z.array(ZLabelsV2Annotation).max(20_000, "At most 20,000 annotations per video"),
});
export type TLabelsV2 = z.infer<typeof ZLabelsV2>;
export type TLabelsV2Annotation = z.infer<typeof ZLabelsV2Annotation>;

export const ZReviewComplete = z.object({ complete: z.boolean() }).strict();

/** A point event without "end" becomes this long an interval, centred on it (one 4 s model window). */
export const POINT_EVENT_S = 4;

export interface TLabelDto {
  id: string;
  label: string;
  kind: "positive" | "negative";
  origin: "accept" | "reject" | "trim" | "added" | "import";
  startS: number;
  endS: number;
}

export interface TLabelsDto {
  videoId: string;
  reviewComplete: boolean;
  labels: TLabelDto[];
}

/** A label an editor adds (issue #14 item 4): lowercase words joined by hyphens ("corner", "red-card"). */
export const ZLabelName = z
  .string()
  .trim()
  .min(1, "Give the label a name")
  .max(32, "A label name has at most 32 characters")
  .regex(
    /^[a-z]+(-[a-z]+)*$/,
    'A label name is lowercase words joined by hyphens, e.g. "corner" or "red-card"',
  )
  .refine((n) => n !== "background", '"background" is what every label is learnt against; pick another name');
export const ZAddLabel = z.object({ name: ZLabelName }).strict();
export type TAddLabel = z.infer<typeof ZAddLabel>;
/** PATCH /api/labels/<name>: the new name, validated as a new label's. */
export const ZRenameLabel = ZAddLabel;
/** DELETE /api/labels/<name>: removing deletes the label's examples, so it must be confirmed. */
export const ZRemoveLabel = z
  .object({
    confirm: z.literal(true, {
      error: 'Removing a label deletes its examples: send {"confirm": true} to remove it',
    }),
  })
  .strict();
/** Route segment `[name]`: anything that is not a label name names no label (404). */
export const ZLabelParams = z.object({ name: ZLabelName });

export interface TLabelRemovedDto {
  removed: string;
  /** its examples that went with it (positive labels on videos not in the trash) */
  examples: number;
  labels: TKnownLabelDto[];
}

export interface TKnownLabelDto {
  name: string;
  /** in the model's own label list (manifest), not added here */
  builtIn: boolean;
  /** the active model has an output for it */
  learnt: boolean;
  examples: number;
  videos: number;
  ready: boolean;
  /** how many examples it has, and how many more it needs before a retrain learns it */
  message: string;
}

export interface TKnownLabelsDto {
  labels: TKnownLabelDto[];
}
