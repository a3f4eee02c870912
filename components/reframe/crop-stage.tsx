"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";
import { cropShare, isCropAspect, type TAspect } from "@/lib/reframe/aspect";
import type { TCropKey } from "@/lib/reframe/path";
import type { THighlightDto } from "@/lib/schemas/highlights";
import { frameOf } from "../review/frames";
import type { PlayheadStore } from "../review/playhead";
import { AspectSelect } from "./aspect-select";
import { cropTarget, withKey } from "./crop-geometry";
import { CropOverlay } from "./crop-overlay";
import { useSaveCrop } from "./use-reframe";

interface Props {
  children: ReactNode;
  videoId: string;
  video: { width: number | null; height: number | null };
  fps: number;
  highlights: THighlightDto[];
  selectedId: string | null;
  playhead: PlayheadStore;
  aspect: TAspect;
  setAspect: (a: TAspect) => void;
  canEdit: boolean;
}

const noSubscribe = () => () => {};

/**
 * Issue #29: the player with the crop box of the chosen aspect over it, following the highlight's
 * stored path frame by frame while it plays, and the crop's controls below (aspect, lock, keyframes).
 */
export function CropStage(p: Props) {
  // With no crop to draw the stage does not re-render with every frame the player shows.
  const t = useSyncExternalStore(
    isCropAspect(p.aspect) ? p.playhead.subscribe : noSubscribe,
    p.playhead.get,
    () => 0,
  );
  const save = useSaveCrop(p.videoId);
  const frame = frameOf(t, p.fps);
  const found = isCropAspect(p.aspect) ? cropTarget(p.highlights, p.selectedId, t) : null;
  // While a save is on its way the box and the lock show what was sent (set in the same render as the
  // drag's end or the click: a controlled checkbox would otherwise flip back until the request starts).
  const [sent, setSent] = useState<{ id: string; keys: TCropKey[]; locked: boolean } | null>(null);
  const pending = sent && sent.id === found?.id ? sent : null;
  const h =
    found && pending
      ? { ...found, crop: { ...found.crop, keys: pending.keys, locked: pending.locked } }
      : found;
  const share = p.video.width && p.video.height ? cropShare(p.aspect, p.video.width, p.video.height) : 9 / 32;
  const put = (keys: TCropKey[], locked: boolean) => {
    if (!h) return;
    setSent({ id: h.id, keys, locked });
    save.mutate(
      { id: h.id, keys, locked, cropRevision: h.crop.revision },
      { onSettled: () => setSent(null) },
    );
  };

  return (
    <>
      <div className="crop-stage">
        {p.children}
        {h ? (
          <CropOverlay
            crop={h.crop}
            share={share}
            fps={p.fps}
            frame={frame}
            video={p.video}
            aspect={p.aspect}
            onMove={
              p.canEdit ? (f, left) => put(withKey(h.crop.keys, f, left, share, p.fps), h.crop.locked) : null
            }
          />
        ) : null}
      </div>
      <div className="crop-bar" data-testid="crop-bar">
        <AspectSelect
          label="Crop box"
          aspect={p.aspect}
          setAspect={p.setAspect}
          optionText={(a) => (a === "16:9" ? "16:9 (no crop)" : a)}
        />
        {isCropAspect(p.aspect) && !h ? (
          <span className="muted">The crop box shows while the playhead is inside a highlight.</span>
        ) : null}
        {h ? (
          <>
            <span className="muted" data-testid="crop-keys">
              {h.crop.keys.length === 0
                ? "automatic path (follows the action)"
                : `${h.crop.keys.length} keyframe${h.crop.keys.length === 1 ? "" : "s"}${h.crop.locked ? ", locked" : " on the automatic path"}`}
            </span>
            {p.canEdit ? (
              <>
                <label className="nowrap">
                  <input
                    type="checkbox"
                    checked={h.crop.locked}
                    disabled={save.isPending || h.crop.keys.length === 0}
                    onChange={(e) => put(h.crop.keys, e.currentTarget.checked)}
                  />{" "}
                  Lock to keyframes
                </label>
                <button
                  type="button"
                  className="button"
                  disabled={save.isPending || h.crop.keys.length === 0}
                  onClick={() => put([], false)}
                >
                  Clear keyframes
                </button>
              </>
            ) : null}
          </>
        ) : null}
        <span className="muted" aria-live="polite" data-testid="crop-state">
          {save.isPending ? "Saving the crop…" : save.isSuccess ? "Crop saved" : ""}
        </span>
        {save.error ? (
          <span className="error-text" role="alert">
            {save.error.message}
          </span>
        ) : null}
      </div>
    </>
  );
}
