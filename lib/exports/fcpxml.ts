import type { Prepared } from "./model";
import { rationalSeconds } from "./timecode";

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\r\n]+/g, " ");

// FCP shows one note per clip: the editor's, then what the model said.
const noteOf = (it: Prepared["items"][number]) =>
  [it.note, `${it.label} · ${it.status} · peak ${it.peak.toFixed(2)}`].filter(Boolean).join(" — ");

/**
 * FCPXML 1.9 (Final Cut Pro 10.4.1+, also read by Resolve and Premiere via XtoCC): one asset for the
 * source file and a project whose spine holds one asset-clip per highlight, end to end, each with its
 * source in-point as `start`. The media path is just the file name: the editor relinks on import, as the
 * file lives in our storage, not on their disk.
 */
export function toFcpxml(p: Prepared): string {
  const { video, rate } = p;
  const t = (frames: number) => rationalSeconds(frames, rate);
  const totalFrames = Math.round((video.durationS * rate.num) / rate.den);
  const audio = video.hasAudio ? ` hasAudio="1" audioSources="1" audioChannels="2"` : ` hasAudio="0"`;
  const clips: string[] = [];
  let offset = 0;
  for (const it of p.items) {
    const len = it.endFrame - it.startFrame;
    clips.push(
      `          <asset-clip ref="r2" name="${esc(it.name)}" offset="${t(offset)}" start="${t(it.startFrame)}" duration="${t(len)}" tcFormat="NDF">`,
      `            <note>${esc(noteOf(it))}</note>`,
      `          </asset-clip>`,
    );
    offset += len;
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!DOCTYPE fcpxml>`,
    `<fcpxml version="1.9">`,
    `  <resources>`,
    `    <format id="r1" frameDuration="${rationalSeconds(1, rate)}" width="${video.width}" height="${video.height}"/>`,
    `    <asset id="r2" name="${esc(video.title)}" start="0s" duration="${t(totalFrames)}" hasVideo="1" format="r1"${audio}>`,
    `      <media-rep kind="original-media" src="file:./${encodeURIComponent(video.originalName)}"/>`,
    `    </asset>`,
    `  </resources>`,
    `  <library>`,
    `    <event name="${esc(video.title)}">`,
    `      <project name="${esc(`${video.title} highlights`)}">`,
    `        <sequence format="r1" duration="${t(offset)}" tcStart="0s" tcFormat="NDF">`,
    `          <spine>`,
    ...clips.map((l) => l.replace(/^ {10}/, "            ")),
    `          </spine>`,
    `        </sequence>`,
    `      </project>`,
    `    </event>`,
    `  </library>`,
    `</fcpxml>`,
    ``,
  ].join("\n");
}
