"use client";

import { useEffect, useRef } from "react";
// The core build: the review room plays progressive MP4 (proxy or source) and needs no HLS/DASH engine,
// which is most of the full build's size and parse time.
import videojs from "video.js/core";
import type Player from "video.js/dist/types/player";
import "video.js/dist/video-js.css";
import { attachFilmstrip, registerFilmstrip } from "./filmstrip-plugin";
import type { ThumbCue } from "./vtt";

interface Props {
  src: string;
  label: string;
  thumbnails: ThumbCue[];
  /** the player once created, null once disposed: the page drives it (keys, timeline) through this */
  onPlayer: (player: Player | null) => void;
}

/** The type video.js picks its tech by: the proxy's pieces are an HLS playlist (issue #25). */
export function mediaType(src: string): string {
  const path = src.split("?")[0] ?? "";
  if (path.endsWith(".m3u8")) return "application/x-mpegURL";
  if (path.endsWith(".webm")) return "video/webm";
  return "video/mp4";
}

/**
 * The one place video.js lives: created on mount, disposed on unmount. Its own hotkeys are off; the
 * review room's shortcuts (J/K/L, frame steps …) work page-wide instead.
 */
export function VideoPlayer({ src, label, thumbnails, onPlayer }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const player = useRef<Player | null>(null);
  // The first src is read once at creation; later changes (source → proxy) go through the effect below.
  const initialSrc = useRef(src);
  const onPlayerRef = useRef(onPlayer);
  useEffect(() => {
    onPlayerRef.current = onPlayer;
  }, [onPlayer]);

  useEffect(() => {
    registerFilmstrip();
    // video.js replaces the element it is given; a fresh one per mount keeps React's DOM untouched.
    const el = document.createElement("video-js");
    el.classList.add("vjs-fluid", "review-player");
    holder.current!.appendChild(el);
    const p = videojs(el, {
      controls: true,
      preload: "auto",
      fluid: true,
      aspectRatio: "16:9",
      playbackRates: [0.25, 0.5, 1, 2, 4],
      userActions: { hotkeys: false, doubleClick: true },
      sources: [{ src: initialSrc.current, type: mediaType(initialSrc.current) }],
    });
    p.ready(() => {
      p.el().querySelector("video")?.setAttribute("aria-label", label);
    });
    player.current = p;
    onPlayerRef.current(p);
    return () => {
      onPlayerRef.current(null);
      player.current = null;
      p.dispose();
    };
    // The label only names the element once; the player must not be rebuilt for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const p = player.current;
    if (!p || p.currentSrc() === src || initialSrc.current === src) return;
    // Source → proxy, or a proxy playlist with more pieces (issue #25): same timeline, so keep the
    // position and paused state. Before the first media's metadata there is no position to keep: a
    // deep link's pending seek (use-deep-link.ts) waits for the new media's loadedmetadata, and must not
    // be undone by a seek to the 0 read here.
    const loaded = (p.readyState() ?? 0) >= 1;
    const at = p.currentTime() ?? 0;
    const paused = p.paused();
    p.src({ src, type: mediaType(src) });
    if (loaded)
      p.one("loadedmetadata", () => {
        p.currentTime(at);
        if (!paused) void p.play();
      });
    initialSrc.current = src;
  }, [src]);

  useEffect(() => {
    if (player.current && thumbnails.length > 0) attachFilmstrip(player.current, thumbnails);
  }, [thumbnails]);

  return <div ref={holder} data-vjs-player className="review-player-holder" />;
}
