"use client";

import { useCallback, useMemo, useState, type SetStateAction } from "react";
import type { THighlightDto, THighlightStatus } from "@/lib/schemas/highlights";
import type { TReviewDto } from "@/lib/schemas/review";
import { useHighlights } from "../highlights/use-highlights";
import type { ThumbCue } from "../player/vtt";
import { useStableUrl } from "../videos/use-stable-url";
import { edit, select } from "./editing";
import { matchTime, quantize } from "./frames";
import { createPlayhead, type PlayheadStore } from "./playhead";
import { press, stopped } from "./shuttle";
import { snapToCut } from "./snapping";
import { CLASS_COLOURS } from "./timeline";
import { follow, minSpanFor, type View } from "./timeline-math";
import { useEditSync } from "./use-edit-sync";
import { useMarking } from "./use-marking";
import { useReviewCommands } from "./use-review-commands";
import { useReviewKeys } from "./use-review-keys";
import { useApplySegments, useCreateHighlight, useThumbnails } from "./use-review";
import { useSegmentParams } from "./use-segment-params";
import { useTransport } from "./use-transport";

// One empty list, so a render before the thumbnails arrive does not hand the timeline a "new" one.
const NO_THUMBS: ThumbCue[] = [];
// Zoom limits only need a typical width; the timeline clamps to its own.
const TYPICAL_WIDTH = 1000;

/**
 * Everything the review room shows and does, merged from its two sources of highlights: the server's
 * list (polled, and the answer to every PATCH) and the local editing state with its undo history.
 */
export function useReviewRoom(data: TReviewDto, canEdit: boolean) {
  const { video } = data;
  const videoId = video.id;
  const duration = video.durationS;
  const fps = video.fps;
  const frame = 1 / fps;

  const list = useHighlights(videoId);
  const apply = useApplySegments(videoId);
  const create = useCreateHighlight(videoId);
  const thumbs = useThumbnails(data.filmstripVttUrl, videoId);
  // Each poll re-signs the media URL; the player reloads only when the object changes (source → proxy).
  const media = useStableUrl(data.media.url);
  const highlights = useMemo(() => list.data?.highlights ?? data.highlights.highlights, [list.data, data]);

  const [playhead] = useState<PlayheadStore>(createPlayhead);
  const wholeMatch: View = { start: 0, end: Math.max(duration, frame) };
  const [view, setView] = useState<View>(wholeMatch);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const segments = useSegmentParams(data);
  // Hidden rather than shown, so a label a re-score brings (a newly learnt one) is drawn at once.
  const [hidden, setHidden] = useState<Set<string>>(() => new Set(["background"]));
  const shown = useMemo(
    () => new Set(segments.labels.filter((l) => !hidden.has(l))),
    [segments.labels, hidden],
  );
  const setShown = useCallback(
    (next: SetStateAction<Set<string>>) =>
      setHidden((h) => {
        const now = new Set(segments.labels.filter((l) => !h.has(l)));
        const want = typeof next === "function" ? next(now) : next;
        return new Set([...h, ...segments.labels].filter((l) => !want.has(l)));
      }),
    [segments.labels],
  );
  const { editState, setEdit, commit, patch } = useEditSync(videoId, highlights);
  const transport = useTransport(playhead, fps);
  const { player, stopAt, setShuttle } = transport;

  const minSpan = minSpanFor(TYPICAL_WIDTH, fps);
  const seek = useCallback(
    (t: number) => {
      const clamped = Math.min(Math.max(0, t), duration);
      player.current?.currentTime(clamped);
      playhead.set(clamped);
      setView((v) => follow(v, clamped, duration, minSpan));
    },
    [duration, minSpan, playhead, player],
  );

  const setStatus = (h: { id: string }, status: THighlightStatus) =>
    commit(edit(editState, h.id, { kind: "status", status }, frame));

  const createOf = (label: string, startS: number, endS: number) =>
    create.mutate(
      { label, startS, endS },
      {
        onSuccess: (h) => {
          setEdit((s) => select(s, h.id));
          setNotice(`New ${h.label} highlight at ${matchTime(h.startS)}`);
        },
      },
    );
  const marking = useMarking(createOf, setNotice);

  const run = useReviewCommands({
    canEdit,
    fps,
    duration,
    minSpan,
    playhead,
    transport,
    editState,
    setEdit,
    commit,
    seek,
    setView,
    setHelp,
    setNotice,
    setStatus,
    create: (startS, endS) => createOf(segments.activeLabel, startS, endS),
    marking,
  });
  useReviewKeys(run);

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
      segments.tracks
        .map((track, i) => ({ track, colour: CLASS_COLOURS[i % CLASS_COLOURS.length]! }))
        .filter((t) => shown.has(t.track.label)),
    [segments.tracks, shown],
  );

  return {
    video,
    fps,
    duration,
    highlights,
    media: media.url ?? data.media.url,
    thumbs: thumbs.data ?? NO_THUMBS,
    playhead,
    view,
    setView,
    wholeMatch,
    minSpan,
    help,
    setHelp,
    notice,
    setNotice,
    segments,
    shown,
    setShown,
    curveTracks,
    marking,
    editState,
    setEdit,
    seek,
    setStatus,
    onEdge,
    playInPlace,
    acceptAbove,
    onPlayer: transport.onPlayer,
    apply,
    error: patch.error ?? create.error ?? apply.error,
  };
}

export type ReviewRoomState = ReturnType<typeof useReviewRoom>;
