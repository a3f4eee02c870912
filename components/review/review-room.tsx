"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TAspect } from "@/lib/reframe/aspect";
import type { TReviewDto } from "@/lib/schemas/review";
import { DownloadsPanel } from "../highlights/downloads-panel";
import { VideoPlayer } from "../player/video-player";
import { EditableTitle } from "../videos/editable-title";
import { failureHelp } from "../videos/failure";
import { CoverageWarning, FailurePanel } from "../videos/video-status";
import { select } from "./editing";
import { FileFacts } from "./file-facts";
import { ParamsPanel } from "./params-panel";
import { Clock, describe } from "./review-clock";
import { ReviewPanel } from "./review-panel";
import { TeachPanel } from "./teach-panel";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { Timeline } from "./timeline";
import { TimelineToolbar } from "./timeline-toolbar";
import { useReview } from "./use-review";
import { useReviewRoom } from "./use-review-room";
import { CopyLink } from "./copy-link";
import { roomLinkHref, type RoomLink } from "./deep-link";
import { useDeepLink } from "./use-deep-link";
import { playbackWords } from "./playback-words";
import { CropStage } from "../reframe/crop-stage";

export function ReviewRoom({ id, canEdit, link }: { id: string; canEdit: boolean; link: RoomLink }) {
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
  return <Room data={review.data} canEdit={canEdit} link={link} />;
}

function Room({ data, canEdit, link }: { data: TReviewDto; canEdit: boolean; link: RoomLink }) {
  const r = useReviewRoom(data, canEdit);
  const onPlayer = useDeepLink(r, link);
  const { video, fps, duration, editState } = r;
  const selected = editState.items.find((i) => i.id === editState.selectedId);
  const router = useRouter();
  // issue #29: one aspect for the crop box over the player, the cards' and the downloads menu's files;
  // the brand switch beside it in the downloads: the cards' files, the ZIP, the share links, the reel
  const [aspect, setAspect] = useState<TAspect>("16:9");
  const [branded, setBranded] = useState(false);
  const failed = video.status === "failed";
  // A video that failed before it was probed has no duration: there is no media to play either.
  const playable = !failed || (failureHelp(video.error).playable && duration > 0);

  const intro = (
    <>
      <Link href="/" className="muted">
        ← Library
      </Link>
      <div className="page-head">
        <h1>
          <EditableTitle id={video.id} title={video.title} editable={canEdit} />
        </h1>
        <div className="actions">
          <FileFacts id={video.id} />
          {failed ? null : (
            <span className="chip" title={data.proxyError ?? undefined} data-testid="media-kind">
              {playbackWords(data)}
            </span>
          )}
          {video.hasAudio === false && (
            <span className="chip" title="The file has no audio track, so the timeline has no waveform">
              no audio
            </span>
          )}
          {data.modelVersion && (
            <span className="chip" data-testid="model-version">
              model {data.modelVersion}
            </span>
          )}
          {playable ? (
            <button type="button" className="button" onClick={() => r.setHelp(true)} aria-keyshortcuts="?">
              Shortcuts (?)
            </button>
          ) : null}
        </div>
      </div>

      {failed ? (
        <FailurePanel
          video={{ ...video, stage: null, progress: 0, etaSeconds: null }}
          canEdit={canEdit}
          onDeleted={() => router.push("/")}
        />
      ) : null}
      {failed ? null : <CoverageWarning warning={video.warning} />}
    </>
  );
  // A file that cannot be decoded: the player would only say "media could not be loaded", and the
  // timeline, highlights and downloads would be empty. The reason and what to do are the page.
  if (!playable)
    return (
      <div className="stack review" data-testid="review-room">
        {intro}
        <div className="player-placeholder" data-testid="no-player">
          <p>Nothing to play: this file could not be read as a video.</p>
        </div>
      </div>
    );

  return (
    <div className="stack review" data-testid="review-room">
      {intro}

      <div className="review__top">
        <div className="review__player">
          <CropStage
            videoId={video.id}
            video={video}
            fps={fps}
            highlights={r.highlights}
            selectedId={editState.selectedId}
            playhead={r.playhead}
            aspect={aspect}
            setAspect={setAspect}
            canEdit={canEdit}
          >
            <VideoPlayer
              src={r.media}
              label={`Play ${video.title}`}
              thumbnails={r.thumbs}
              onPlayer={onPlayer}
            />
          </CropStage>
          <Clock playhead={r.playhead} fps={fps} duration={duration} />
          <CopyLink
            label="Copy link to this moment"
            href={() => roomLinkHref(location.origin, video.id, { t: r.playhead.get(), fps })}
          />
        </div>
        <ParamsPanel data={data} segments={r.segments} apply={r.apply} canEdit={canEdit} />
      </div>

      <div className="review__timeline">
        <TimelineToolbar
          duration={duration}
          minSpan={r.minSpan}
          playhead={r.playhead}
          wholeMatch={r.wholeMatch}
          setView={r.setView}
          tracks={r.segments.tracks}
          shown={r.shown}
          setShown={r.setShown}
        />
        <Timeline
          duration={duration}
          fps={fps}
          view={r.view}
          onView={r.setView}
          tracks={r.curveTracks}
          waveform={data.waveform}
          shots={data.shots}
          unanalysed={data.unanalysed}
          thumbs={r.thumbs}
          items={editState.items}
          preview={r.segments.preview}
          selectedId={editState.selectedId}
          playhead={r.playhead}
          onSeek={r.seek}
          onSelect={(hid) => r.setEdit((s) => select(s, hid))}
          onEdge={r.onEdge}
          editable={canEdit}
        />
        <p className="muted review__legend">
          {data.shots.length} shot cuts · edges snap to cuts within 0.5 s (hold Alt to place freely) ·{" "}
          {editState.selectedId ? `selected: ${describe(selected, fps, duration)}` : "no highlight selected"}
        </p>
      </div>

      <div aria-live="polite" className="muted" data-testid="notice">
        {r.notice}
      </div>
      {r.error ? (
        <p className="error-text" role="alert">
          {r.error.message}
        </p>
      ) : null}

      <ReviewPanel
        videoId={video.id}
        highlights={r.highlights}
        fps={fps}
        durationS={duration}
        selectedId={editState.selectedId}
        canEdit={canEdit}
        onSelect={(h) => {
          r.setEdit((s) => select(s, h.id));
          r.seek(h.startS);
        }}
        onPlay={r.playInPlace}
        onStatus={r.setStatus}
        onAcceptAbove={r.acceptAbove}
        variant={{ aspect, branded }}
      />
      {canEdit && (
        <TeachPanel
          videoId={video.id}
          decisions={r.highlights
            .filter((h) => h.status !== "suggested")
            .map((h) => `${h.id}:${h.status}:${h.startS}:${h.endS}`)
            .join(",")}
          marking={r.marking}
        />
      )}
      <DownloadsPanel
        videoId={video.id}
        canEdit={canEdit}
        variant={{ aspect, branded }}
        setAspect={setAspect}
        setBranded={setBranded}
      />
      <ShortcutsDialog open={r.help} onClose={() => r.setHelp(false)} />
    </div>
  );
}
