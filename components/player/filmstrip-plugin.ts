import videojs from "video.js/core";
import type Player from "video.js/dist/types/player";
import type PluginType from "video.js/dist/types/plugin";
import { cueAt, type ThumbCue } from "./vtt";

// Hovering the progress bar shows the filmstrip tile for that moment (sprite + VTT from the filmstrip
// job). An advanced plugin so video.js calls dispose() with the player, where the listeners go.
const Plugin = videojs.getPlugin("plugin") as typeof PluginType;

export interface FilmstripOptions {
  cues: ThumbCue[];
}

class FilmstripThumbs extends Plugin {
  private cues: ThumbCue[];
  private readonly box: HTMLDivElement;
  private readonly bar: HTMLElement | null;

  constructor(player: Player, options: FilmstripOptions) {
    super(player);
    this.cues = options.cues;
    this.box = document.createElement("div");
    this.box.className = "vjs-filmstrip-thumb";
    this.box.setAttribute("aria-hidden", "true");
    this.bar = player.el().querySelector(".vjs-progress-control");
    this.bar?.appendChild(this.box);
    this.bar?.addEventListener("pointermove", this.onMove);
    this.bar?.addEventListener("pointerleave", this.onLeave);
  }

  setCues(cues: ThumbCue[]): void {
    this.cues = cues;
  }

  private readonly onMove = (e: PointerEvent) => {
    const seek = this.bar?.querySelector(".vjs-progress-holder");
    const duration = this.player.duration() ?? 0;
    if (!seek || !duration) return;
    const r = seek.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const cue = cueAt(this.cues, frac * duration);
    if (!cue) return this.onLeave();
    const s = this.box.style;
    s.display = "block";
    s.width = `${cue.w}px`;
    s.height = `${cue.h}px`;
    s.backgroundImage = `url("${cue.url}")`;
    s.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    const barLeft = this.bar!.getBoundingClientRect().left;
    const x = Math.min(Math.max(e.clientX - barLeft - cue.w / 2, 0), this.bar!.clientWidth - cue.w);
    s.left = `${x}px`;
  };

  private readonly onLeave = () => {
    this.box.style.display = "none";
  };

  dispose(): void {
    this.bar?.removeEventListener("pointermove", this.onMove);
    this.bar?.removeEventListener("pointerleave", this.onLeave);
    this.box.remove();
    super.dispose();
  }
}

let registered = false;
/** Registers once per page (video.js keeps plugins globally; HMR would otherwise warn). */
export function registerFilmstrip(): void {
  if (registered || videojs.getPlugin("filmstripThumbs")) {
    registered = true;
    return;
  }
  videojs.registerPlugin("filmstripThumbs", FilmstripThumbs);
  registered = true;
}

export function filmstripOf(player: Player): FilmstripThumbs | null {
  const p = player as unknown as {
    filmstripThumbs?: (o: FilmstripOptions) => FilmstripThumbs;
    usingPlugin(name: string): boolean;
  };
  return p.usingPlugin("filmstripThumbs") ? (p.filmstripThumbs as unknown as () => FilmstripThumbs)() : null;
}

export function attachFilmstrip(player: Player, cues: ThumbCue[]): void {
  const existing = filmstripOf(player);
  if (existing) return existing.setCues(cues);
  (player as unknown as { filmstripThumbs(o: FilmstripOptions): void }).filmstripThumbs({ cues });
}
