"use client";

import { isCropAspect, type TAspect } from "@/lib/reframe/aspect";
import type { THighlightDto } from "@/lib/schemas/highlights";
import { aspectProgress } from "./aspect-progress";
import { AspectSelect } from "./aspect-select";
import { useRequestAspect } from "./use-reframe";

/**
 * Issue #29: the aspect of the downloads (the ZIP, each card's clip), beside the brand switch. A cropped
 * aspect is rendered on request: this asks for every clip missing it and says how far it is.
 */
export function AspectRow(p: {
  videoId: string;
  label: string | null;
  aspect: TAspect;
  setAspect: (a: TAspect) => void;
  highlights: THighlightDto[];
}) {
  const ask = useRequestAspect(p.videoId);
  const progress = isCropAspect(p.aspect) ? aspectProgress(p.highlights, p.aspect) : null;
  return (
    <div className="aspect-row">
      <AspectSelect
        label="Aspect"
        aspect={p.aspect}
        setAspect={p.setAspect}
        optionText={(a) => (a === "16:9" ? "16:9 (as filmed)" : `${a} (cropped, follows the action)`)}
      />
      {progress && isCropAspect(p.aspect) ? (
        <>
          <span className="muted" data-testid="aspect-progress" aria-live="polite">
            {progress.text}
          </span>
          {progress.todo > 0 ? (
            <button
              type="button"
              className="button"
              disabled={ask.isPending}
              onClick={() => ask.mutate({ aspect: p.aspect as Exclude<TAspect, "16:9">, label: p.label })}
            >
              Crop {progress.todo === progress.total ? "all" : `the other ${progress.todo}`} to {p.aspect}
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

/** A card's clip in the chosen cropped aspect: its download once rendered, else a button asking for it. */
export function AspectLink({ h, videoId, aspect }: { h: THighlightDto; videoId: string; aspect: TAspect }) {
  const ask = useRequestAspect(videoId);
  if (!isCropAspect(aspect)) return null;
  const a = h.aspects[aspect];
  if (a.state === "ready" && a.url)
    return (
      <a className="button" href={a.url} download={a.downloadName}>
        Download {aspect}
      </a>
    );
  if (a.state === "cutting")
    return (
      <span className="muted" data-testid="aspect-state">
        Cropping to {aspect}…
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={ask.isPending}
        onClick={() => ask.mutate({ highlightId: h.id, aspect })}
      >
        {a.state === "failed" ? `Crop to ${aspect} again` : `Crop to ${aspect}`}
      </button>
      {a.state === "failed" ? (
        <span className="error-text">
          {aspect} failed: {a.error}
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
