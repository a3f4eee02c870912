// The simulated editors of `npm run bench:load`: each autocannon connection is one signed-in editor who
// walks a fixed round through the app (library, review room page, timeline, highlights, edits of the
// highlight it owns, the reel) as the browser's pages call the API, with the browser's same-origin
// headers on every write. Each editor keeps a log of what it sent and what the app acknowledged, which
// scripts/load/verify.ts checks against the database at the end.
import type { TLibraryPage } from "@/lib/schemas/library";
import type { TReelDto } from "@/lib/schemas/highlights";
import type { Recorder, Group } from "./stats";

export interface OwnHighlight {
  videoId: string;
  highlightId: string;
  startS: number;
  endS: number;
  status: "accepted" | "edited";
  /** the seed video's length: an edit never moves the end past it */
  durationS: number;
}

/** One PATCH of the editor's own highlight: the fields it set, and whether the app answered 2xx. */
export interface EditSent {
  body: { startS?: number; endS?: number; status?: string };
  sentAt: number;
  acked: boolean;
}

/** A reel asked for (POST): the time it was sent and whether the app answered 2xx. */
export interface ReelSent {
  videoId: string;
  sentAt: number;
  acked: boolean;
}

interface Action {
  group: Group;
  method: "GET" | "POST" | "PATCH";
  path: string;
  body?: unknown;
  onOk?: (body: string) => void;
  edit?: EditSent;
  reel?: ReelSent;
}

/** Video ids the library listed as ready, shared by every editor (they open what they see). */
export class Library {
  ready: string[] = [];
  update(page: TLibraryPage): void {
    const ids = page.videos.filter((v) => v.status === "ready").map((v) => v.id);
    if (ids.length) this.ready = [...new Set([...ids, ...this.ready])].slice(0, 50);
  }
}

const SORTS = ["date", "name", "highlights"] as const;
// A reel is asked for every this many rounds by the editor that owns the video's reel, and only while
// no reel is being built: a second click while one builds is a 409 by design (lib/clips/reel.ts).
const REEL_EVERY_ROUNDS = 2;
const ROUND = 8;

export class Editor {
  step = 0;
  inflight: Action | null = null;
  lastGroup: Group = "library";
  readonly edits: EditSent[] = [];
  readonly reels: ReelSent[] = [];
  private reelStatus: TReelDto["status"] | null = null;

  constructor(
    readonly index: number,
    private readonly cookie: string,
    private readonly origin: string,
    readonly own: OwnHighlight,
    /** this editor asks for its seed video's reel (one editor per video) */
    readonly reelOwner: boolean,
    private readonly library: Library,
    private readonly rec: Recorder,
  ) {}

  /** The next request of the round (autocannon's setupRequest). */
  next(): { method: string; path: string; headers: Record<string, string>; body?: string } {
    if (this.inflight) {
      // No answer came (autocannon timed the request out or lost the connection): an error, and an
      // edit or reel the app may still have applied.
      this.rec.noAnswer(this.inflight.group, `${this.inflight.method} ${this.inflight.path}`);
    }
    const a = this.action(this.step++);
    this.inflight = a;
    if (a.edit) this.edits.push(a.edit);
    if (a.reel) this.reels.push(a.reel);
    const headers: Record<string, string> = { cookie: this.cookie, accept: "application/json" };
    if (a.method === "GET") return { method: a.method, path: a.path, headers };
    // What a browser sends on a same-origin fetch: the route wrapper refuses any other origin (403).
    headers.origin = this.origin;
    headers["sec-fetch-site"] = "same-origin";
    headers["content-type"] = "application/json";
    const body = JSON.stringify(a.body ?? {});
    if (a.edit) a.edit.sentAt = Date.now();
    if (a.reel) a.reel.sentAt = Date.now();
    return { method: a.method, path: a.path, headers, body };
  }

  /** The answer to the request in flight (autocannon's onResponse). */
  done(status: number, body: string): void {
    const a = this.inflight;
    this.inflight = null;
    if (!a) return;
    this.lastGroup = a.group;
    const ok = status >= 200 && status < 300;
    this.rec.answer(a.group, status, ok ? "" : `${a.method} ${a.path} → ${status} ${body.slice(0, 200)}`);
    if (!ok) return;
    if (a.edit) a.edit.acked = true;
    if (a.reel) a.reel.acked = true;
    try {
      a.onOk?.(body);
    } catch (err) {
      this.rec.answer(a.group, 0, `${a.method} ${a.path}: unreadable answer (${(err as Error).message})`);
    }
  }

  private pick(): string {
    const r = this.library.ready;
    // Half of the rooms opened are the editor's own video, the rest whatever the library showed.
    if (r.length === 0 || this.step % 2 === 0) return this.own.videoId;
    return r[(this.index + this.step) % r.length]!;
  }

  private action(step: number): Action {
    const round = Math.floor(step / ROUND);
    const own = this.own;
    switch (step % ROUND) {
      case 0: {
        const sort = SORTS[(this.index + round) % SORTS.length]!;
        return {
          group: "library",
          method: "GET",
          path: `/api/videos?sort=${sort}&page=1`,
          onOk: (b) => this.library.update(JSON.parse(b) as TLibraryPage),
        };
      }
      case 1:
        return { group: "pages", method: "GET", path: `/videos/${this.pick()}` };
      case 2:
        return { group: "timeline", method: "GET", path: `/api/videos/${this.pick()}/review` };
      case 3:
        return { group: "highlights", method: "GET", path: `/api/videos/${own.videoId}/highlights` };
      case 4: {
        own.status = own.status === "accepted" ? "edited" : "accepted";
        const body = { status: own.status };
        return this.patch(body);
      }
      case 5:
        return { group: "pages", method: "GET", path: round % 2 ? "/" : `/videos/${own.videoId}` };
      case 6: {
        // Nudge the highlight by whole frames (25 fps) within the video, never onto the same bounds.
        const len = own.endS - own.startS;
        const room = Math.max(0.04, own.durationS - len - 0.1);
        const startS = +((own.startS + 0.04 * (1 + (round % 7))) % room).toFixed(2);
        own.startS = startS;
        own.endS = +(startS + len).toFixed(2);
        return this.patch({ startS: own.startS, endS: own.endS });
      }
      default: {
        const path = `/api/videos/${own.videoId}/reel`;
        const ask = this.reelOwner && round % REEL_EVERY_ROUNDS === REEL_EVERY_ROUNDS - 1;
        if (ask && this.reelStatus !== null && this.reelStatus !== "cutting") {
          this.reelStatus = "cutting";
          return {
            group: "reel",
            method: "POST",
            path,
            body: {},
            reel: { videoId: own.videoId, sentAt: 0, acked: false },
          };
        }
        return {
          group: "reel",
          method: "GET",
          path,
          onOk: (b) => (this.reelStatus = (JSON.parse(b) as TReelDto).status),
        };
      }
    }
  }

  private patch(body: EditSent["body"]): Action {
    return {
      group: "edit",
      method: "PATCH",
      path: `/api/highlights/${this.own.highlightId}`,
      body,
      edit: { body, sentAt: 0, acked: false },
    };
  }
}
