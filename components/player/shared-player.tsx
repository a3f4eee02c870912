"use client";

import { VideoPlayer } from "./video-player";

const NO_THUMBS: never[] = [];
const ignore = () => undefined;

/** The share page's player: the same video.js component as the review room, nothing driving it. */
export function SharedPlayer({ src, label }: { src: string; label: string }) {
  return <VideoPlayer src={src} label={label} thumbnails={NO_THUMBS} onPlayer={ignore} />;
}
