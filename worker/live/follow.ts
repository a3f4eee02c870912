// The follow state machine, as pure functions of (stored state, fetched playlist, clock): which segments
// a tick must fetch, which were lost, whether the stream restarted, ended or stalled. Unit-tested.
import type { MediaPlaylist, MediaSegment } from "./playlist";

export interface FollowState {
  epoch: number;
  // last sequence number stored (recorded or gap) in this epoch; null before the first segment
  lastSeq: number | null;
  lastUri: string | null;
}

export interface Missed {
  seq: number;
  durationS: number;
}

export interface TickPlan {
  // sequence numbers went backwards or the segment we stored last changed: a new epoch starts
  reset: boolean;
  // segments that left a sliding-window playlist before we fetched them (worker down, slow tick):
  // stored as gaps so nothing is skipped silently
  missed: Missed[];
  fetch: MediaSegment[];
  // #EXT-X-ENDLIST: once `fetch` is stored there is nothing more to come
  ended: boolean;
}

// Query strings often carry per-request CDN tokens; the path names the segment.
const pathOf = (uri: string) => uri.replace(/[?#].*$/, "");

export function planTick(state: FollowState, pl: MediaPlaylist): TickPlan {
  const ended = pl.endList;
  const last = pl.segments[pl.segments.length - 1];
  if (state.lastSeq === null || !last)
    return { reset: false, missed: [], fetch: state.lastSeq === null ? pl.segments : [], ended };

  const atLast = pl.segments.find((s) => s.seq === state.lastSeq);
  const restarted =
    last.seq < state.lastSeq ||
    (atLast !== undefined && state.lastUri !== null && pathOf(atLast.uri) !== pathOf(state.lastUri));
  // A restarted encoder numbers from scratch: everything listed is new content.
  if (restarted) return { reset: true, missed: [], fetch: pl.segments, ended };

  const missed: Missed[] = [];
  for (let seq = state.lastSeq + 1; seq < pl.mediaSequence; seq++)
    missed.push({ seq, durationS: pl.targetDurationS });
  return { reset: false, missed, fetch: pl.segments.filter((s) => s.seq > state.lastSeq!), ended };
}

export interface StallInput {
  gotNew: boolean;
  nowMs: number;
  // when a new segment was last seen (or the source started, before any)
  lastNewAtMs: number;
  targetDurationS: number;
  stallFactor: number;
  giveUpS: number;
}

/** following → stalled after stallFactor × target duration without a new segment; give up much later. */
export function followStatus(i: StallInput): "following" | "stalled" | "gave-up" {
  if (i.gotNew) return "following";
  const quietMs = i.nowMs - i.lastNewAtMs;
  if (quietMs > i.giveUpS * 1000) return "gave-up";
  return quietMs > i.stallFactor * i.targetDurationS * 1000 ? "stalled" : "following";
}
