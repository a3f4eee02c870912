"use client";

import type { TAspect } from "@/lib/reframe/aspect";
import { isPlainCut, variantOf, variantText, type TVariant } from "@/lib/reframe/variant";
import type { THighlightDto } from "@/lib/schemas/highlights";
import { aspectProgress, variantWords } from "./aspect-progress";
import { AspectSelect } from "./aspect-select";
import { useRequestAspect } from "./use-reframe";

/**
 * Issue #29: the aspect of the downloads (the ZIP, each card's clip, its share link), beside the brand
 * switch. Any variant but the cut itself is rendered on request: this asks for every clip missing it
 * and says how far it is.
 */
export function AspectRow(p: {
  videoId: string;
  label: string | null;
  variant: TVariant;
  setAspect: (a: TAspect) => void;
  highlights: THighlightDto[];
}) {
  const ask = useRequestAspect(p.videoId);
  const v = p.variant;
  const progress = isPlainCut(v) ? null : aspectProgress(p.highlights, v);
  return (
    <div className="aspect-row">
      <AspectSelect
        label="Aspect"
        aspect={v.aspect}
        setAspect={p.setAspect}
        optionText={(a) => (a === "16:9" ? "16:9 (as filmed)" : `${a} (cropped, follows the action)`)}
      />
      {progress ? (
        <>
          <span className="muted" data-testid="aspect-progress" aria-live="polite">
            {progress.text}
          </span>
          {progress.todo > 0 ? (
            <button
              type="button"
              className="button"
              disabled={ask.isPending}
              onClick={() => ask.mutate({ ...v, label: p.label })}
            >
              {v.branded
                ? `Make ${progress.todo === progress.total ? "all" : `the other ${progress.todo}`} in ${variantText(v)}`
                : `Crop ${progress.todo === progress.total ? "all" : `the other ${progress.todo}`} to ${v.aspect}`}
            </button>
          ) : null}
          {ask.error ? (
            <span className="error-text" role="alert">
              {ask.error.message}
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A card's clip in the chosen variant: its download once rendered, else a button asking for it. */
export function AspectLink({
  h,
  videoId,
  variant: v,
}: {
  h: THighlightDto;
  videoId: string;
  variant: TVariant;
}) {
  const ask = useRequestAspect(videoId);
  const a = variantOf(h, v);
  if (!a) return null;
  const words = variantWords(v);
  const text = variantText(v);
  if (a.state === "ready" && a.url)
    return (
      <a className="button" href={a.url} download={a.downloadName}>
        Download {text}
      </a>
    );
  if (a.state === "cutting")
    return (
      <span className="muted" data-testid="aspect-state">
        {v.branded ? `Making ${text}…` : `Cropping to ${text}…`}
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={ask.isPending}
        onClick={() => ask.mutate({ ...v, highlightId: h.id })}
      >
        {a.state === "failed" ? `${words.ask} again` : words.ask}
      </button>
      {a.state === "failed" ? (
        <span className="error-text">
          {text} failed: {a.error}
        </span>
      ) : null}
      {ask.error ? (
        <span className="error-text" role="alert">
          {ask.error.message}
        </span>
      ) : null}
    </>
  );
}
