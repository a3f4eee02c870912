"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { tracksOf } from "../../lib/analysis/scores";
import { deriveAllSegments, type SegmentParams } from "../../lib/highlights/segments";
import type { THighlightDto, THighlightStatus } from "../../lib/schemas/highlights";
import type { TReviewDto } from "../../lib/schemas/review";
import { HighlightsPanel } from "../highlights/highlights-panel";
import { useHighlights, usePatchHighlight } from "../highlights/use-highlights";
import type { ThumbCue } from "../player/vtt";
import { VideoPlayer } from "../player/video-player";
import { EditableTitle } from "../videos/editable-title";
import { useStableUrl } from "../videos/use-stable-url";
import { FileFacts } from "./file-facts";
import {
  edit,
  initialEdit,
  neighbour,
  patchOf,
  redo,
  select,
  sync,
  undo,
  type Change,
  type EditState,
  type Item,
} from "./editing";
import { frameOf, matchTime, quantize, stepFrames, stepSeconds, timecode } from "./frames";
import { commandFor, type Command } from "./keymap";
import { createPlayhead, type PlayheadStore } from "./playhead";
import { ReviewPanel } from "./review-panel";
import { SegmentSliders } from "./segment-sliders";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { press, stopped } from "./shuttle";
import { useTransport } from "./use-transport";
import { snapToCut } from "./snapping";
import { CLASS_COLOURS, Timeline } from "./timeline";
import { follow, minSpanFor, zoomAt, type View } from "./timeline-math";
import { useApplySegments, useCreateHighlight, useReview, useThumbnails } from "./use-review";

// For a class the model has no defaults for (a manifest gone from disk): a reasonable start.
const FALLBACK: SegmentParams = {
  enter: 0.5,
  exit: 0.4,
  minLengthS: 1,
  mergeGapS: 2,
  preRollS: 2,
  postRollS: 2,
};
const NEW_HIGHLIGHT_S = 5;
// One empty list, so a render before the thumbnails arrive does not hand the timeline a "new" one.
const NO_THUMBS: ThumbCue[] = [];

export function ReviewRoom({ id, canEdit }: { id: string; canEdit: boolean }) {
  const review = useReview(id);
  if (review.isPending) return <p className="muted">Loading the review room…</p>;
  if (review.error)
    return (
      <div className="stack">
        <p className="error-text" role="alert">
          {review.error.message}
        </p>
        <Link href="/">Back to the library</Link>
      </div>
    );
  return <Room data={review.data} canEdit={canEdit} />;
}

const toItems = (hs: THighlightDto[]): Item[] =>
  hs.map((h) => ({ id: h.id, label: h.label, startS: h.startS, endS: h.endS, status: h.status }));

function Room({ data, canEdit }: { data: TReviewDto; canEdit: boolean }) {
  const { video } = data;
  const videoId = video.id;
  const duration = video.durationS;
  const fps = video.fps;
  const frame = 1 / fps;

  const list = useHighlights(videoId);
  const patch = usePatchHighlight(videoId);
  const apply = useApplySegments(videoId);
  const create = useCreateHighlight(videoId);
  const thumbs = useThumbnails(data.filmstripVttUrl, videoId);
  // Each poll re-signs the media URL; the player reloads only when the object changes (source → proxy).
  const media = useStableUrl(data.media.url);
  const highlights = useMemo(() => list.data?.highlights ?? data.highlights.highlights, [list.data, data]);

  const [playhead] = useState<PlayheadStore>(createPlayhead);
  const [view, setView] = useState<View>({ start: 0, end: Math.max(duration, frame) });
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // --- scores, classes, live parameters ---
  const tracks = useMemo(() => (data.scores ? tracksOf(data.scores) : []), [data.scores]);
  const labels = useMemo(() => tracks.map((t) => t.label), [tracks]);
  const [shown, setShown] = useState<Set<string>>(() => new Set(labels.filter((l) => l !== "background")));
  const saved = useMemo(() => {
    const out: Record<string, SegmentParams> = { ...data.defaults, ...data.params };
    const tuned = Object.keys(out).filter((l) => labels.includes(l));
    if (tuned.length === 0) for (const l of labels.filter((x) => x !== "background")) out[l] = FALLBACK;
    return Object.fromEntries(Object.entries(out).filter(([l]) => labels.includes(l)));
  }, [data.defaults, data.params, labels]);
  // The review is polled until the proxy and analysis land; a poll must not undo slider moves, so
  // the sliders only reset when the saved parameters themselves change.
  const savedKey = JSON.stringify(saved);
  const [params, setParams] = useState(saved);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the value, not the object
  useEffect(() => setParams(saved), [savedKey]);
  const preview = useMemo(() => deriveAllSegments(tracks, params, duration), [tracks, params, duration]);
  const dirty = JSON.stringify(params) !== JSON.stringify(saved);
  const activeLabel = Object.keys(params)[0] ?? labels.find((l) => l !== "background") ?? "highlight";

  // --- editing state, kept in step with the server list ---
  const [editState, setEdit] = useState<EditState>(() => initialEdit(toItems(highlights)));
  const pending = useRef(new Set<string>());
  useEffect(() => setEdit((s) => sync(s, toItems(highlights), pending.current)), [highlights]);

  const send = useCallback(
    (c: Change) => {
      pending.current.add(c.id);
      patch.mutate(
        { id: c.id, ...patchOf(c) },
        {
          onSettled: () => pending.current.delete(c.id),
          onError: () => setEdit((s) => sync(s, toItems(highlights))),
        },
      );
    },
    [patch, highlights],
  );
  const commit = useCallback(
    (r: { state: EditState; change: Change } | null) => {
      if (!r) return;
      setEdit(r.state);
      send(r.change);
    },
    [send],
  );

  const { player, onPlayer, shuttle, stopAt, setShuttle } = useTransport(playhead, fps);

  const width = 1000; // zoom limits only need a typical width; the timeline clamps to its own
  const minSpan = minSpanFor(width, fps);
  const seek = useCallback(
    (t: number) => {
      const clamped = Math.min(Math.max(0, t), duration);
      player.current?.currentTime(clamped);
      playhead.set(clamped);
      setView((v) => follow(v, clamped, duration, minSpan));
    },
    [duration, minSpan, playhead, player],
  );

  // --- commands ---
  const target = (): Item | null => {
    const t = playhead.get();
    return (
      editState.items.find((i) => i.id === editState.selectedId) ??
      editState.items.find((i) => t >= i.startS && t < i.endS) ??
      null
    );
  };

  const setStatus = (h: { id: string }, status: THighlightStatus) =>
    commit(edit(editState, h.id, { kind: "status", status }, frame));

  const newHighlight = () => {
    const t = quantize(playhead.get(), fps);
    const endS = Math.min(duration, t + NEW_HIGHLIGHT_S);
    const startS = Math.max(0, Math.min(t, endS - NEW_HIGHLIGHT_S));
    create.mutate(
      { label: activeLabel, startS, endS },
      {
        onSuccess: (h) => {
          setEdit((s) => select(s, h.id));
          setNotice(`New ${h.label} highlight at ${matchTime(h.startS)}`);
        },
      },
    );
  };

  const run = (c: Command, e: KeyboardEvent) => {
    const p = player.current;
    const t = playhead.get();
    switch (c.type) {
      case "play-pause":
        if (!p) return;
        if (p.paused() && shuttle.current.dir === 0) setShuttle(press(stopped, "l"));
        else setShuttle(stopped);
        return;
      case "shuttle":
        return setShuttle(press(shuttle.current, c.key));
      case "step-frames":
        setShuttle(stopped);
        return seek(stepFrames(t, c.n, fps, duration));
      case "step-seconds":
        setShuttle(stopped);
        return seek(stepSeconds(t, c.n, fps, duration));
      case "mark-in":
      case "mark-out": {
        const h = target();
        if (!canEdit || !h) return setNotice("Select a highlight first ([ or ] or click one)");
        const at = quantize(t, fps);
        const r = edit(editState, h.id, { kind: c.type === "mark-in" ? "in" : "out", t: at }, frame);
        if (!r) return setNotice("The in-point must stay before the out-point");
        return commit(r);
      }
      case "neighbour": {
        const n = neighbour(editState, t, c.dir);
        if (!n) return;
        setEdit((s) => select(s, n.id));
        return seek(n.startS);
      }
      case "status": {
        const h = target();
        if (canEdit && h) setStatus(h, c.status);
        return;
      }
      case "new":
        if (canEdit) newHighlight();
        return;
      case "undo":
        return commit(undo(editState));
      case "redo":
        return commit(redo(editState));
      case "help":
        return setHelp(true);
      case "zoom":
        return setView((v) => zoomAt(v, c.dir > 0 ? 0.5 : 2, t, duration, minSpan));
      default:
        void e;
    }
  };
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
      // Field by field: a KeyboardEvent's modifiers are prototype getters that a spread would drop.
      const c = commandFor({
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: e.target as HTMLElement | null,
      });
      if (!c) return;
      // Space on a focused button would press it too; arrows would scroll.
      e.preventDefault();
      runRef.current(c, e);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onEdge = (hid: string, which: "in" | "out", t: number, free: boolean) => {
    const at = quantize(free ? t : snapToCut(t, data.shots), fps);
    commit(edit(editState, hid, { kind: which, t: at }, frame));
  };

  const playInPlace = (h: THighlightDto) => {
    setEdit((s) => select(s, h.id));
    seek(h.startS);
    stopAt.current = h.endS;
    setShuttle(press(stopped, "l"));
  };

  const acceptAbove = (threshold: number) => {
    for (const h of highlights) {
      if (h.status === "suggested" && h.peak >= threshold) patch.mutate({ id: h.id, status: "accepted" });
    }
  };

  const curveTracks = useMemo(
    () =>
      tracks
        .map((track, i) => ({ track, colour: CLASS_COLOURS[i % CLASS_COLOURS.length]! }))
        .filter((t) => shown.has(t.track.label)),
    [tracks, shown],
  );
  const error = patch.error ?? create.error ?? apply.error;

  return (
    <div className="stack review" data-testid="review-room">
      <Link href="/" className="muted">
        ← Library
      </Link>
      <div className="page-head">
        <h1>
          <EditableTitle id={videoId} title={video.title} editable={canEdit} />
        </h1>
        <div className="actions">
          <FileFacts id={videoId} />
          <span className="chip" title={data.proxyError ?? undefined} data-testid="media-kind">
            {data.media.kind === "proxy"
              ? "proxy"
              : data.proxyError
                ? "source (no proxy)"
                : "source (proxy coming)"}
          </span>
          <button type="button" className="button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Shortcuts (?)
          </button>
        </div>
      </div>

      <div className="review__top">
        <div className="review__player">
          <VideoPlayer
            src={media.url ?? data.media.url}
            label={`Play ${video.title}`}
            thumbnails={thumbs.data ?? NO_THUMBS}
            onPlayer={onPlayer}
          />
          <Clock playhead={playhead} fps={fps} duration={duration} />
        </div>
        <aside className="review__params card" aria-label="Live parameters">
          <h2>Parameters</h2>
          {data.scores ? (
            <>
              {Object.entries(params).map(([label, v]) => (
                <SegmentSliders
                  key={label}
                  label={label}
                  value={v}
                  onChange={(next) => setParams((ps) => ({ ...ps, [label]: next }))}
                />
              ))}
              <p aria-live="polite" data-testid="preview-count">
                {preview.length} highlight{preview.length === 1 ? "" : "s"} with these settings
              </p>
              <div className="actions">
                {canEdit ? (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={!dirty || apply.isPending}
                    onClick={() => apply.mutate(params)}
                  >
                    {apply.isPending ? "Applying…" : "Apply"}
                  </button>
                ) : null}
                <button type="button" className="button" disabled={!dirty} onClick={() => setParams(saved)}>
                  Revert
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => setParams({ ...saved, ...data.defaults })}
                  disabled={Object.keys(data.defaults).length === 0}
                >
                  Model defaults
                </button>
              </div>
              {apply.data ? (
                <p className="muted" role="status">
                  Applied: {apply.data.created} new, {apply.data.removed} removed, {apply.data.kept} kept.
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">The analysis has not finished yet; its scores appear here when it does.</p>
          )}
        </aside>
      </div>

      <div className="review__timeline">
        <div className="actions review__toolbar" role="toolbar" aria-label="Timeline">
          <button
            type="button"
            className="button"
            onClick={() => setView((v) => zoomAt(v, 0.5, playhead.get(), duration, minSpan))}
            aria-label="Zoom in"
            aria-keyshortcuts="+"
          >
            +
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setView((v) => zoomAt(v, 2, playhead.get(), duration, minSpan))}
            aria-label="Zoom out"
            aria-keyshortcuts="-"
          >
            −
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setView({ start: 0, end: Math.max(duration, frame) })}
          >
            Whole match
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              const t = playhead.get();
              setView(zoomAt({ start: t - 1, end: t + 1 }, 0, t, duration, minSpan));
            }}
          >
            Frames
          </button>
          {tracks.map((t, i) => (
            <label
              key={t.label}
              className="review__class"
              style={{ color: CLASS_COLOURS[i % CLASS_COLOURS.length] }}
            >
              <input
                type="checkbox"
                checked={shown.has(t.label)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setShown((s) => {
                    const next = new Set(s);
                    if (on) next.add(t.label);
                    else next.delete(t.label);
                    return next;
                  });
                }}
              />{" "}
              {t.label}
            </label>
          ))}
        </div>
        <Timeline
          duration={duration}
          fps={fps}
          view={view}
          onView={setView}
          tracks={curveTracks}
          waveform={data.waveform}
          shots={data.shots}
          thumbs={thumbs.data ?? NO_THUMBS}
          items={editState.items}
          preview={preview}
          selectedId={editState.selectedId}
          playhead={playhead}
          onSeek={seek}
          onSelect={(hid) => setEdit((s) => select(s, hid))}
          onEdge={onEdge}
          editable={canEdit}
        />
        <p className="muted review__legend">
          {data.shots.length} shot cuts · edges snap to cuts within 0.5 s (hold Alt to place freely) ·{" "}
          {editState.selectedId
            ? `selected: ${describe(
                editState.items.find((i) => i.id === editState.selectedId),
                fps,
              )}`
            : "no highlight selected"}
        </p>
      </div>

      <div aria-live="polite" className="muted" data-testid="notice">
        {notice}
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}

      <ReviewPanel
        highlights={highlights}
        selectedId={editState.selectedId}
        canEdit={canEdit}
        onSelect={(h) => {
          setEdit((s) => select(s, h.id));
          seek(h.startS);
        }}
        onPlay={playInPlace}
        onStatus={setStatus}
        onAcceptAbove={acceptAbove}
      />
      <details className="card">
        <summary>Clips, reel and exports</summary>
        <HighlightsPanel videoId={videoId} canEdit={canEdit} />
      </details>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

function describe(i: Item | undefined, fps: number): string {
  if (!i) return "none";
  return `${i.label} ${timecode(i.startS, fps)} → ${timecode(i.endS, fps)} (${frameOf(i.endS, fps) - frameOf(i.startS, fps)} frames)`;
}

/** Timecode of the original (Video.fps), its frame number and the match clock; follows the playhead. */
function Clock({ playhead, fps, duration }: { playhead: PlayheadStore; fps: number; duration: number }) {
  const t = useSyncExternalStore(playhead.subscribe, playhead.get, () => 0);
  return (
    <p className="review__clock" data-testid="clock" data-time={t.toFixed(3)}>
      <span aria-label="Timecode">{timecode(t, fps)}</span>
      <span>
        frame <span data-testid="frame">{frameOf(t, fps)}</span>
      </span>
      <span className="muted">
        {matchTime(t)} / {matchTime(duration)} · {fps.toFixed(2)} fps
      </span>
    </p>
  );
}
