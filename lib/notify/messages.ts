// Pure builders for what a notification says: the webhook JSON body and the uploader's e-mail.
import type { TNotifyEvent } from "../schemas/jobs";

export interface NotifyFacts {
  event: TNotifyEvent;
  appUrl: string;
  video: { id: string; title: string; durationS: number | null; error: string | null };
  owner: { name: string; email: string };
  analysis: { id: string; modelId: string; error: string | null };
  highlights: { id: string; label: string; startS: number; endS: number; peak: number; status: string }[];
  occurredAt: Date;
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");
export const videoPageUrl = (appUrl: string, videoId: string) => `${trimSlash(appUrl)}/videos/${videoId}`;
export const clipsZipUrl = (appUrl: string, videoId: string) =>
  `${trimSlash(appUrl)}/api/videos/${videoId}/clips.zip`;

export function webhookBody(f: NotifyFacts): string {
  return JSON.stringify({
    event: f.event,
    occurredAt: f.occurredAt.toISOString(),
    video: {
      id: f.video.id,
      title: f.video.title,
      durationS: f.video.durationS,
      url: videoPageUrl(f.appUrl, f.video.id),
      clipsZipUrl: clipsZipUrl(f.appUrl, f.video.id),
    },
    analysis: { id: f.analysis.id, modelId: f.analysis.modelId, error: f.analysis.error },
    highlights: f.highlights.map((h) => ({
      id: h.id,
      label: h.label,
      startS: h.startS,
      endS: h.endS,
      peak: h.peak,
      status: h.status,
    })),
  });
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function analysisMail(f: NotifyFacts): { subject: string; text: string; html: string } {
  const page = videoPageUrl(f.appUrl, f.video.id);
  const zip = clipsZipUrl(f.appUrl, f.video.id);
  const title = f.video.title.replace(/[\r\n]+/g, " ");
  if (f.event === "analysis.failed") {
    const reason = f.analysis.error ?? f.video.error ?? "unknown error";
    return {
      subject: `Analysis failed: ${title}`,
      text: `Hello ${f.owner.name},\n\nMatchcut could not analyse "${title}": ${reason}\n\nVideo: ${page}\n`,
      html: `<p>Hello ${esc(f.owner.name)},</p><p>Matchcut could not analyse <b>${esc(title)}</b>: ${esc(reason)}</p><p><a href="${esc(page)}">Open the video</a></p>`,
    };
  }
  const n = f.highlights.length;
  const lines = f.highlights.map((h) => `${h.label} at ${mmss(h.startS)}–${mmss(h.endS)}`);
  const found = n === 0 ? "No highlights were found." : `${n} highlight${n === 1 ? "" : "s"} found:`;
  return {
    subject: `Your highlights are ready: ${title}`,
    text: [
      `Hello ${f.owner.name},`,
      "",
      `"${title}" has been analysed. ${found}`,
      ...lines.map((l) => `  - ${l}`),
      "",
      `Review them: ${page}`,
      `All clips (ZIP): ${zip}`,
      "",
    ].join("\n"),
    html:
      `<p>Hello ${esc(f.owner.name)},</p><p><b>${esc(title)}</b> has been analysed. ${esc(found)}</p>` +
      (n ? `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : "") +
      `<p><a href="${esc(page)}">Review the highlights</a> · <a href="${esc(zip)}">Download all clips (ZIP)</a></p>`,
  };
}
