import { BACKGROUND } from "./kinds";
import { POINT_EVENT_S, type TLabelsV2, type TLabelsV2Annotation } from "../schemas/labels";

// Pure conversions between our labelled intervals and SoccerNet's Labels-v2.json shape.

export interface Interval {
  label: string;
  kind: "positive" | "negative";
  startS: number;
  endS: number;
}

function gameTime(s: number): string {
  const t = Math.floor(s);
  return `1 - ${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

export function toLabelsV2(title: string, labels: readonly Interval[]): TLabelsV2 {
  return {
    UrlLocal: title,
    annotations: labels.map((l) => ({
      gameTime: gameTime(l.startS),
      label: l.kind === "negative" ? BACKGROUND : l.label,
      position: String(Math.round(l.startS * 1000)) as unknown as number,
      end: String(Math.round(l.endS * 1000)) as unknown as number,
      visibility: "visible",
    })),
  };
}

/**
 * Annotations → intervals. Labels are lower-cased ("Penalty" in SoccerNet files is our "penalty");
 * "background" marks a negative interval. Errors name the annotation (1-based) and what is wrong.
 */
export function fromLabelsV2(
  file: TLabelsV2,
  durationS: number | null,
): { intervals: Interval[]; errors: string[] } {
  const intervals: Interval[] = [];
  const errors: string[] = [];
  file.annotations.forEach((a: TLabelsV2Annotation, i) => {
    const pos = Number(a.position) / 1000;
    const end = a.end === undefined ? undefined : Number(a.end) / 1000;
    const startS = end === undefined ? Math.max(0, pos - POINT_EVENT_S / 2) : pos;
    let endS = end === undefined ? pos + POINT_EVENT_S / 2 : end;
    if (durationS !== null && end === undefined) endS = Math.min(endS, durationS);
    const label = a.label.toLowerCase();
    if (!(endS > startS))
      errors.push(`annotation ${i + 1}: the end (${endS} s) is not after the start (${startS} s)`);
    else if (durationS !== null && endS > durationS + 1e-3)
      errors.push(
        `annotation ${i + 1}: ends at ${endS.toFixed(2)} s, past the end of the video (${durationS.toFixed(2)} s)`,
      );
    else
      intervals.push({
        label: label === BACKGROUND ? BACKGROUND : label,
        kind: label === BACKGROUND ? "negative" : "positive",
        startS,
        endS,
      });
  });
  return { intervals, errors };
}
