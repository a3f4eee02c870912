// Pure: whether a label an editor taught has enough examples to be learnt (issue #14 item 4).
// Browser-safe; the Teach panel shows the same sentence the retrain stores.

export const MIN_EXAMPLES = 5;
export const MIN_VIDEOS = 2;

export interface LabelExamples {
  label: string;
  /** positive intervals of the label */
  examples: number;
  /** distinct videos they are on */
  videos: number;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * Ready with at least MIN_EXAMPLES examples from at least MIN_VIDEOS videos: fewer cannot be split into
 * training and held-out videos, and a head learns a camera angle, not a moment, from one video.
 * Otherwise the sentence says how many more examples and videos are needed.
 */
export function readiness(e: LabelExamples): { ready: boolean; message: string } {
  const moreExamples = Math.max(0, MIN_EXAMPLES - e.examples);
  const moreVideos = Math.max(0, MIN_VIDEOS - e.videos);
  const has = `"${e.label}" has ${plural(e.examples, "example")} on ${plural(e.videos, "video")}`;
  if (moreExamples === 0 && moreVideos === 0) return { ready: true, message: `${has}: ready to learn` };
  const needs = [
    moreExamples > 0 ? plural(moreExamples, "more example") : null,
    moreVideos > 0 ? plural(moreVideos, "more video") : null,
  ].filter(Boolean);
  return {
    ready: false,
    message: `${has}: it needs ${needs.join(" and ")} (at least ${MIN_EXAMPLES} examples from at least ${MIN_VIDEOS} videos)`,
  };
}

/** Per label, its positive examples and the videos they are on. */
export function countExamples(
  intervals: readonly { videoId: string; label: string; kind: string }[],
  labels: readonly string[],
): LabelExamples[] {
  return labels.map((label) => {
    const mine = intervals.filter((i) => i.kind === "positive" && i.label === label);
    return { label, examples: mine.length, videos: new Set(mine.map((i) => i.videoId)).size };
  });
}
